// The NIM-compatible package against the real gateway, through a calling app written as NetEase's signaling sample and
// NECallKit use the SDK. Facts checked: audit NIM "client methods" (17/17), "web events" (4 events, option handlers),
// N-2 (createAndJoin with a live name joins it), N-3 (push fields flat on INVITE), N-6 (symbolic error messages),
// reference A.4/A.5 (eventType names, 10201/10404/10410 codes), A.7 (dynamic token login, 302 when refused).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import WebSocket from 'ws';
import NIM from '@signaling-gateway/nim';
import { nim, unique } from '../../../test-support/gateway.js';
import { gatewayForSuite } from '../../../test-support/node-suite.js';
import { CallApp } from './call-app.js';

const gateway = gatewayForSuite();

/** A logged-in app for a new account. @param {string} name */
async function app(name, transport = /** @type {'websocket' | 'sse'} */ ('websocket')) {
  const calling = new CallApp({ url: gateway().url, appKey: nim.appKey, WebSocket, transport });
  const account = unique(name);
  await calling.login(account, nim.token(account));
  return calling;
}

/** Another device of the same account (NIM.getInstance keeps one per account in a process, as the SDK does). @param {string} account */
function secondDevice(account, handlers = {}) {
  return new Promise((resolve, reject) => {
    const device = new NIM({ url: gateway().url, appKey: nim.appKey, account, token: nim.token(account), WebSocket, ...handlers,
      onconnect: () => resolve(device), ondisconnect: reject });
  });
}

describe('NIM web SDK signaling', () => {
  test('call, ring, accept, hang up: signalingCallEx, INVITE with flat push fields, ACCEPT, ROOM_JOIN, ROOM_CLOSE', async () => {
    const caller = await app('caller');
    const callee = await app('callee', 'sse');

    const info = await caller.call(callee.account);
    assert.equal(typeof info.channelId, 'string');
    assert.deepEqual(info.members.map((/** @type {any} */ m) => m.accid), [caller.account]);
    assert.equal(info.callStatus, 200);

    const invite = await callee.next('INVITE');
    assert.equal(invite.from, caller.account);
    assert.equal(invite.to, callee.account);
    assert.equal(invite.channelId, info.channelId);
    assert.equal(invite.requestId, caller.current?.requestId);
    assert.equal(invite.attachExt, '{"callType":2}');
    assert.equal(invite.pushTitle, 'Incoming call'); // flat, not under pushInfo (N-3)
    assert.equal(invite.needPush, true);

    const joined = await callee.accept(invite);
    assert.deepEqual(joined.members.map((/** @type {any} */ m) => m.accid).sort(), [caller.account, callee.account].sort());
    assert.equal((await caller.next('ACCEPT')).from, callee.account);
    assert.equal((await caller.next('ROOM_JOIN')).from, callee.account);

    await caller.hangup();
    assert.equal((await callee.next('ROOM_CLOSE')).channelId, info.channelId);
  });

  test('cancel and reject reach the other side; a busy callee rejects with reason 3', async () => {
    const caller = await app('caller');
    const callee = await app('callee');
    const third = await app('third');

    await caller.call(callee.account);
    const first = await callee.next('INVITE');
    await caller.cancel();
    assert.equal((await callee.next('CANCEL_INVITE')).requestId, first.requestId);

    await caller.call(callee.account);
    const second = await callee.next('INVITE');
    await callee.reject(second);
    const rejected = await caller.next('REJECT');
    assert.equal(rejected.from, callee.account);
    assert.equal(JSON.parse(rejected.attachExt).reason, 1);

    await caller.call(callee.account);
    await callee.accept(await callee.next('INVITE'));
    await third.call(callee.account);
    const busy = await third.next('REJECT');
    assert.equal(busy.from, callee.account);
    assert.equal(JSON.parse(busy.attachExt).reason, 3);
  });

  test("nobody answers: the caller's own timer cancels (reason 2), as NECallKit does; NIM has no timeout event", async () => {
    const caller = await app('caller');
    const callee = await app('callee');

    await caller.call(callee.account, 500);
    await callee.next('INVITE');
    assert.equal((await caller.next('cancelled', () => true, 3000)).reason, 2);
    const cancelled = await callee.next('CANCEL_INVITE');
    assert.equal(JSON.parse(cancelled.attachExt).reason, 2);
  });

  test('a group call: one channel, an invite per member, both join; the channel lists them', async () => {
    const caller = await app('caller');
    const members = [await app('m1'), await app('m2')];

    const channel = await caller.groupCall(members.map((m) => m.account));
    for (const member of members) {
      const invite = await member.next('INVITE');
      assert.equal(invite.channelId, channel.channelId);
      await member.accept(invite);
    }
    await caller.next('ACCEPT');
    await caller.next('ACCEPT');
    const info = await caller.nim.signalingGetChannelInfo({ channelName: channel.channelName });
    assert.deepEqual(info.members.map((/** @type {any} */ m) => m.accid).sort(), [caller.account, ...members.map((m) => m.account)].sort());
  });

  test('an offline invitee: the call rejects 10201 PEER_NIM_OFFLINE; at login signalingSync brings the INVITE, which is marked read', async () => {
    const caller = await app('caller');
    const account = unique('later');

    await assert.rejects(caller.call(account), (/** @type {any} */ error) =>
      error.code === 10201 && error.message === 'PEER_NIM_OFFLINE' && typeof error.data.channelId === 'string');

    const later = new CallApp({ url: gateway().url, appKey: nim.appKey, WebSocket });
    await later.login(account, nim.token(account));
    const list = await later.nim.signalingSync();
    assert.equal(list.length, 1);
    const [missed] = await later.next('signalingUnreadMessageSyncNotify');
    assert.equal(missed.eventType, 'INVITE');
    assert.equal(missed.from, caller.account);
    assert.equal(missed.channelInValid, false);
    await new Promise((resolve) => setTimeout(resolve, 300)); // the app marks it read as it arrives
    assert.deepEqual(await later.nim.signalingSync(), []); // read on one device: not offered again
  });

  test('another device accepts: this one gets signalingMutilClientSyncNotify; signalingChannelsSyncNotify on connect', async () => {
    const caller = await app('caller');
    const callee = await app('callee');
    /** @type {any[]} */
    const channelsSynced = [];
    const phone = /** @type {NIM} */ (await secondDevice(callee.account, { onSignalingMembersSyncNotify: (/** @type {any[]} */ c) => channelsSynced.push(c) }));

    await caller.call(callee.account);
    const invite = await callee.next('INVITE');
    await phone.signalingAccept({ channelId: invite.channelId, account: invite.from, requestId: invite.requestId, autoJoin: true });
    const synced = await callee.next('signalingMutilClientSyncNotify');
    assert.equal(synced.eventType, 'ACCEPT');
    assert.equal(synced.channelId, invite.channelId);
    phone.destroy();

    const laptop = /** @type {NIM} */ (await secondDevice(callee.account, { onSignalingMembersSyncNotify: (/** @type {any[]} */ c) => channelsSynced.push(c) }));
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.deepEqual(channelsSynced.at(-1).map((/** @type {any} */ c) => c.channelId), [invite.channelId]); // the channel the account is in
    laptop.destroy();
  });

  test('channels by hand: create, join, control, delay, leave, close; createAndJoin with a live name joins it; signalingCall and signalingJoinAndAccept', async () => {
    const owner = await app('owner');
    const guest = await app('guest');
    /** @type {any[]} */
    const notified = [];
    guest.nim.on('signalingNotify', (/** @type {any} */ e) => notified.push(e.eventType));

    const name = unique('room');
    const created = await owner.nim.signalingCreate({ type: 1, channelName: name, ext: 'hello' });
    await owner.nim.signalingJoin({ channelId: created.channelId, offlineEnabled: false, attachExt: '' });
    const joined = await guest.nim.signalingCreateAndJoin({ type: 1, channelName: name }); // a live name: joined, not 10405 (N-2)
    assert.equal(joined.channelId, created.channelId);
    await owner.nim.signalingControl({ channelId: created.channelId, account: guest.account, attachExt: '{"cmd":"mute"}' });
    assert.equal((await guest.next('CONTROL')).attachExt, '{"cmd":"mute"}');
    const delayed = await owner.nim.signalingDelay({ channelId: created.channelId });
    assert.ok(delayed.channelExpireTime >= created.channelExpireTime);
    await guest.nim.signalingLeave({ channelId: created.channelId, offlineEnabled: false, attachExt: '' });
    assert.equal((await owner.next('LEAVE')).from, guest.account);
    await owner.nim.signalingClose({ channelId: created.channelId, offlineEnabled: false });
    await assert.rejects(owner.nim.signalingGetChannelInfo({ channelName: name }), (/** @type {any} */ e) => e.code === 10404 && e.message === 'ROOM_NOT_EXISTS');

    const requestId = unique('req');
    const call = await owner.nim.signalingCall({ type: 2, account: guest.account, requestId, offlineEnabled: false, attachExt: '' });
    const invite = await guest.next('INVITE', (e) => e.requestId === requestId);
    const answered = await guest.nim.signalingJoinAndAccept({ channelId: call.channelId, account: owner.account, requestId: invite.requestId, uid: 0 });
    assert.equal(answered.callStatus, 200);
    assert.equal((await owner.next('ACCEPT', (e) => e.requestId === requestId)).from, guest.account);
    assert.ok(notified.includes('CONTROL') && notified.includes('INVITE'));
  });

  test('errors carry the SDK codes and symbolic messages; a refused token calls ondisconnect with 302; a destroyed instance refuses calls', async () => {
    const caller = await app('caller');
    const callee = await app('callee');

    await caller.call(callee.account);
    const invite = await callee.next('INVITE');
    await callee.accept(invite);
    await assert.rejects(callee.accept(invite), (/** @type {any} */ e) => e.code === 10410 && e.message === 'INVITE_HAS_ACCEPT');
    await assert.rejects(caller.nim.signalingInvite({ channelId: 'no-such-channel', account: callee.account, requestId: 'r' }),
      (/** @type {any} */ e) => e.code === 10404 && e.message === 'ROOM_NOT_EXISTS');

    const refused = new CallApp({ url: gateway().url, appKey: nim.appKey, WebSocket });
    await assert.rejects(refused.login(unique('mallory'), 'not-a-token'), (/** @type {any} */ e) => e.code === 302);

    caller.nim.destroy();
    await assert.rejects(caller.nim.signalingSync(), (/** @type {any} */ e) => e.code === 415);
    const again = NIM.getInstance({ url: gateway().url, appKey: nim.appKey, account: caller.account, token: nim.token(caller.account), WebSocket });
    assert.notEqual(again, caller.nim); // destroy forgot the instance: getInstance logs in anew
    again.destroy();
  });
});
