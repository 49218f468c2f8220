// Each vendor package's full call flow in Chromium (issue 15), through the same calling apps the Node suites drive:
// invite, ring, accept, hang-up or end, cancel, reject, timeout, busy where the vendor has it, group invite where it
// has one. Facts: audit T-1/T-3/T-5 (TSignaling), O-1/O-7 (OpenIM), NIM "web events" and N-6, Agora A-rows as the
// packages' READMEs cite them.
import { expect, test } from '@playwright/test';
import { Gateway, unique } from '../test-support/gateway.js';
import { AppTab } from './tabs.js';

/** @type {Gateway} */
let gateway;

test.beforeAll(async () => {
  gateway = await Gateway.start();
});
test.afterAll(async () => {
  await gateway.stop();
});

/** @param {import('@playwright/test').Browser} browser @param {import('./tabs.js').Vendor} vendor @param {string[]} names */
const users = (browser, vendor, ...names) => Promise.all(names.map((name) => AppTab.open(browser, gateway, vendor, unique(name))));

test('TSignaling: invite, accept, hang up; cancel; reject; timeout; busy; group', async ({ browser }) => {
  const [alice, bob, carol] = await users(browser, 'tencent', 'alice', 'bob', 'carol');

  const inviteID = await alice.do('call', bob.user);
  expect(await bob.next('ts_new_invitation_received')).toMatchObject({ inviteID, inviter: alice.user, groupID: '' });
  await bob.do('accept', inviteID);
  expect(await alice.next('ts_invitee_accepted')).toMatchObject({ inviteID, inviter: alice.user, invitee: bob.user });
  await carol.do('call', bob.user); // bob is in a call: TUICallKit answers line_busy at once (T-1)
  const busy = await carol.next('ts_invitee_rejected');
  expect(JSON.parse(busy.data).line_busy).toBe('line_busy');
  await alice.do('hangup', bob.user);
  const ended = await bob.next('ts_new_invitation_received', { inviter: alice.user });
  expect(JSON.parse(ended.data).call_end).toBe(5);

  const cancelled = await alice.do('call', carol.user);
  await carol.next('ts_new_invitation_received', { inviteID: cancelled });
  await alice.do('cancel', cancelled);
  expect(await carol.next('ts_invitation_cancelled')).toMatchObject({ inviteID: cancelled, inviter: alice.user });

  const refused = await alice.do('call', carol.user);
  await carol.next('ts_new_invitation_received', { inviteID: refused });
  await carol.do('reject', refused);
  expect(await alice.next('ts_invitee_rejected', { inviteID: refused })).toMatchObject({ invitee: carol.user });

  const unanswered = await alice.do('call', carol.user, 1);
  await carol.next('ts_new_invitation_received', { inviteID: unanswered });
  expect(await alice.next('ts_invitation_timeout', { inviteID: unanswered })).toMatchObject({ isSelfTimeout: false });
  expect(await carol.next('ts_invitation_timeout', { inviteID: unanswered })).toMatchObject({ isSelfTimeout: true });

  const groupID = unique('group');
  const group = await alice.do('groupCall', groupID, [bob.user, carol.user]);
  for (const member of [bob, carol]) {
    expect(await member.next('ts_new_invitation_received', { inviteID: group })).toMatchObject({ groupID, inviter: alice.user });
  }
});

test('OpenIM: invite, accept, hang up; cancel; reject; timeout; group', async ({ browser }) => {
  const [u1, u2, u3] = await users(browser, 'openim', 'u1', 'u2', 'u3');

  const roomID = await u1.do('call', u2.user);
  const ring = await u2.next('OnReceiveNewInvitation');
  expect(ring.invitation).toMatchObject({ roomID, inviterUserID: u1.user });
  await u2.do('accept', ring);
  expect(await u1.next('OnInviteeAccepted')).toMatchObject({ opUserID: u2.user });
  await u1.do('hangup');
  expect(await u2.next('OnHangUp')).toMatchObject({ opUserID: u1.user });

  await u1.do('call', u3.user);
  await u3.next('OnReceiveNewInvitation');
  await u1.do('cancel');
  expect(await u3.next('OnInvitationCancelled')).toMatchObject({ opUserID: u1.user });

  await u1.do('call', u3.user);
  await u3.do('reject', await u3.next('OnReceiveNewInvitation'));
  expect(await u1.next('OnInviteeRejected')).toMatchObject({ opUserID: u3.user });

  await u1.do('call', u3.user, 1);
  await u3.next('OnReceiveNewInvitation');
  expect((await u1.next('OnInvitationTimeout')).invitation.inviterUserID).toBe(u1.user);

  const groupID = unique('group');
  const groupRoom = await u1.do('groupCall', groupID, [u2.user, u3.user]);
  for (const member of [u2, u3]) {
    expect((await member.next('OnReceiveNewInvitation')).invitation).toMatchObject({ groupID, roomID: groupRoom });
  }
});

test('NetEase: call, accept, hang up; cancel; reject; the caller\'s timer; busy; group', async ({ browser }) => {
  const [caller, callee, third] = await users(browser, 'nim', 'caller', 'callee', 'third');

  const info = await caller.do('call', callee.user);
  const invite = await callee.next('INVITE');
  expect(invite).toMatchObject({ from: caller.user, channelId: info.channelId, pushTitle: 'Incoming call' });
  await callee.do('accept', invite);
  expect(await caller.next('ACCEPT')).toMatchObject({ from: callee.user });
  await third.do('call', callee.user); // callee is in a call: NECallKit rejects with reason 3
  expect(JSON.parse((await third.next('REJECT')).attachExt).reason).toBe(3);
  await caller.do('hangup');
  expect(await callee.next('ROOM_CLOSE')).toMatchObject({ channelId: info.channelId });

  await caller.do('call', third.user);
  await third.next('INVITE');
  await caller.do('cancel');
  expect(JSON.parse((await third.next('CANCEL_INVITE')).attachExt).reason).toBe(1);

  await caller.do('call', third.user);
  await third.do('reject', await third.next('INVITE'));
  expect(await caller.next('REJECT')).toMatchObject({ from: third.user });

  await caller.do('call', third.user, 500);
  await third.next('INVITE');
  expect(JSON.parse((await third.next('CANCEL_INVITE')).attachExt).reason).toBe(2);

  const channel = await caller.do('groupCall', [callee.user, third.user]);
  for (const member of [callee, third]) {
    expect(await member.next('INVITE', { channelId: channel.channelId })).toMatchObject({ from: caller.user });
  }
});

test('Agora 1.x: invite, accept, end; refuse; end before an answer; unanswered', async ({ browser }) => {
  const [a, b] = await users(browser, 'agora', 'a', 'b');

  const channelName = await a.do('call', b.user);
  const ring = await b.next('onInviteReceived');
  expect(ring).toMatchObject({ channelName, peer: a.user, extra: '{"type":"video"}' });
  expect(await a.next('onInviteReceivedByPeer')).toMatchObject({ channelName });
  await b.do('accept', ring);
  expect(await a.next('onInviteAcceptedByPeer')).toMatchObject({ channelName, peer: b.user });
  await a.do('end');
  expect(await b.next('onInviteEndByPeer')).toMatchObject({ channelName });

  const refused = await a.do('call', b.user);
  await b.do('reject', await b.next('onInviteReceived', { channelName: refused }));
  expect(await a.next('onInviteRefusedByPeer', { channelName: refused })).toMatchObject({ extra: '{"reason":"declined"}' });

  const cancelled = await a.do('call', b.user);
  await b.next('onInviteReceived', { channelName: cancelled });
  await a.do('end');
  await b.next('onInviteEndByPeer', { channelName: cancelled });

  const unanswered = await a.do('call', b.user, '{"_timeout":1}');
  await b.next('onInviteReceived', { channelName: unanswered });
  await a.next('onInviteFailed', { channelName: unanswered });
});
