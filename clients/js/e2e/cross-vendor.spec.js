// Cross-vendor calls in Chromium (issue 15): each tab runs a calling app on one vendor's SDK package, and every side
// sees its own vendor's events — a TSignaling app and an Agora 1.x app call each other, an OpenIM app and a NetEase app
// call each other, and a canonical-client app calls each of the four.
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

/** @param {import('@playwright/test').Browser} browser @param {import('./tabs.js').Vendor} vendor @param {string} prefix */
const open = (browser, vendor, prefix) => AppTab.open(browser, gateway, vendor, unique(prefix));

test('an Agora 1.x app calls a TSignaling app, which answers; then the other way round', async ({ browser }) => {
  const tencent = await open(browser, 'tencent', 'tx');
  const agora = await open(browser, 'agora', 'ag');

  const channelName = await agora.do('call', tencent.user);
  const received = await tencent.next('ts_new_invitation_received');
  expect(received.inviter).toBe(agora.user);
  await tencent.do('accept', received.inviteID);
  expect(await agora.next('onInviteAcceptedByPeer')).toMatchObject({ channelName, peer: tencent.user });

  const inviteID = await tencent.do('call', agora.user);
  const ringing = await agora.next('onInviteReceived');
  expect(ringing.peer).toBe(tencent.user);
  expect(JSON.parse(ringing.extra)).toMatchObject({ call_type: 2 });
  await agora.do('accept', ringing);
  expect(await tencent.next('ts_invitee_accepted')).toMatchObject({ inviteID, invitee: agora.user, inviter: tencent.user });
});

test('an OpenIM app calls a NetEase app, which answers; the NetEase app calls back and is rejected', async ({ browser }) => {
  const openim = await open(browser, 'openim', 'oi');
  const netease = await open(browser, 'nim', 'ne');

  const roomID = await openim.do('call', netease.user);
  const invite = await netease.next('INVITE');
  expect(invite).toMatchObject({ eventType: 'INVITE', from: openim.user, to: netease.user, channelId: roomID });
  await netease.do('accept', invite);
  expect(await openim.next('OnInviteeAccepted')).toMatchObject({ opUserID: netease.user });

  const neteaseCall = await netease.do('call', openim.user);
  const ring = await openim.next('OnReceiveNewInvitation');
  expect(ring.invitation.inviterUserID).toBe(netease.user);
  expect(ring.invitation.inviteeUserIDList).toEqual([openim.user]);
  await openim.do('reject', ring);
  expect(await netease.next('REJECT')).toMatchObject({ from: openim.user, channelId: neteaseCall.channelId });
});

test('a canonical-client app calls a TSignaling, an OpenIM, a NetEase and an Agora 1.x app', async ({ browser }) => {
  const canonical = await open(browser, 'canonical', 'v1');
  const tencent = await open(browser, 'tencent', 'tx');
  const openim = await open(browser, 'openim', 'oi');
  const netease = await open(browser, 'nim', 'ne');
  const agora = await open(browser, 'agora', 'ag');

  const toTencent = await canonical.do('call', tencent.user);
  const tencentRing = await tencent.next('ts_new_invitation_received');
  expect(tencentRing).toMatchObject({ inviteID: toTencent, inviter: canonical.user });
  await tencent.do('accept', tencentRing.inviteID);
  expect(await canonical.next('inviteeAccepted', { invitationId: toTencent })).toMatchObject({ actor: tencent.user });

  const toOpenIM = await canonical.do('call', openim.user);
  const openimRing = await openim.next('OnReceiveNewInvitation');
  expect(openimRing.invitation.inviterUserID).toBe(canonical.user);
  await openim.do('accept', openimRing);
  expect(await canonical.next('inviteeAccepted', { invitationId: toOpenIM })).toMatchObject({ actor: openim.user });

  const toNetEase = await canonical.do('call', netease.user);
  const invite = await netease.next('INVITE');
  expect(invite).toMatchObject({ from: canonical.user, requestId: toNetEase });
  await netease.do('accept', invite);
  expect(await canonical.next('inviteeAccepted', { invitationId: toNetEase })).toMatchObject({ actor: netease.user });

  const toAgora = await canonical.do('call', agora.user);
  const agoraRing = await agora.next('onInviteReceived');
  expect(agoraRing.peer).toBe(canonical.user);
  await agora.do('accept', agoraRing);
  expect(await canonical.next('inviteeAccepted', { invitationId: toAgora })).toMatchObject({ actor: agora.user });
});
