// The TSignaling-compatible package against the real gateway, through a calling app written as TUICallKit writes one.
// Facts checked: audit T-2 (invite takes userID), T-3 (ts_* event names), T-4 ({inviteID, code, data} / {code, message}),
// T-5 (inviter, groupID, isSelfTimeout in events), T-8 (default timeout 0), T-1 (a busy callee is rung and rejects line_busy).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import WebSocket from 'ws';
import TSignaling from '@signaling-gateway/tsignaling';
import { tencent, unique, userSig } from '../../../test-support/gateway.js';
import { gatewayForSuite } from '../../../test-support/node-suite.js';
import { CallApp } from './call-app.js';

const gateway = gatewayForSuite();

/** A logged-in app for a new user. @param {string} name */
async function app(name, transport = /** @type {'websocket' | 'sse'} */ ('websocket')) {
  const calling = new CallApp({ url: gateway().url, SDKAppID: tencent.sdkAppId, WebSocket, transport });
  const userID = unique(name);
  await calling.login(userID, userSig(userID));
  return calling;
}

describe('TSignaling', () => {
  test('invite, ring, accept, hang up: promises and events as TSignaling gives them', async () => {
    const alice = await app('alice');
    const bob = await app('bob', 'sse');

    const result = await alice.tsignaling.invite({ userID: bob.userID, data: '{"call_type":2}', timeout: 30 });
    assert.deepEqual(Object.keys(result).sort(), ['code', 'data', 'inviteID']);
    assert.equal(result.code, 0);
    const rung = await bob.next(TSignaling.EVENT.NEW_INVITATION_RECEIVED);
    assert.deepEqual({ ...rung, inviteeList: [...rung.inviteeList] }, { inviteID: result.inviteID, inviter: alice.userID, groupID: '', inviteeList: [bob.userID], data: '{"call_type":2}' });

    await bob.accept(result.inviteID);
    const accepted = await alice.next(TSignaling.EVENT.INVITEE_ACCEPTED);
    assert.equal(accepted.inviter, alice.userID); // TRTCCalling tests event.data.inviter against itself (T-5).
    assert.equal(accepted.invitee, bob.userID);

    await alice.hangup(bob.userID);
    const ended = await bob.next(TSignaling.EVENT.NEW_INVITATION_RECEIVED, (data) => JSON.parse(data.data).call_end === 5);
    assert.equal(ended.inviter, alice.userID);
  });

  test('cancel and reject reach the other side', async () => {
    const alice = await app('alice');
    const bob = await app('bob');

    const first = await alice.call(bob.userID);
    await bob.next(TSignaling.EVENT.NEW_INVITATION_RECEIVED);
    await alice.cancel(first);
    assert.equal((await bob.next(TSignaling.EVENT.INVITATION_CANCELLED)).inviteID, first);

    const second = await alice.call(bob.userID);
    await bob.next(TSignaling.EVENT.NEW_INVITATION_RECEIVED, (data) => data.inviteID === second);
    await bob.reject(second);
    const rejected = await alice.next(TSignaling.EVENT.INVITEE_REJECTED);
    assert.equal(rejected.inviteID, second);
    assert.equal(rejected.invitee, bob.userID);
  });

  test('nobody answers: both sides get ts_invitation_timeout, the callee with isSelfTimeout', async () => {
    const alice = await app('alice');
    const bob = await app('bob');

    const inviteID = await alice.call(bob.userID, 1);
    await bob.next(TSignaling.EVENT.NEW_INVITATION_RECEIVED);

    assert.equal((await bob.next(TSignaling.EVENT.INVITATION_TIMEOUT)).isSelfTimeout, true);
    const callerSide = await alice.next(TSignaling.EVENT.INVITATION_TIMEOUT);
    assert.equal(callerSide.inviteID, inviteID);
    assert.equal(callerSide.isSelfTimeout, false);
  });

  test('a busy callee is rung and its app answers line_busy', async () => {
    const alice = await app('alice');
    const bob = await app('bob');
    const carol = await app('carol');
    const first = await alice.call(bob.userID);
    await bob.next(TSignaling.EVENT.NEW_INVITATION_RECEIVED);
    await bob.accept(first);

    const second = await carol.call(bob.userID);

    const busy = await carol.next(TSignaling.EVENT.INVITEE_REJECTED);
    assert.equal(busy.inviteID, second);
    assert.equal(JSON.parse(busy.data).line_busy, 'line_busy');
  });

  test('a group call rings every member, with the groupID', async () => {
    const alice = await app('alice');
    const bob = await app('bob');
    const carol = await app('carol');
    const groupID = unique('team');

    const inviteID = await alice.groupCall(groupID, [bob.userID, carol.userID]);

    for (const member of [bob, carol]) {
      const rung = await member.next(TSignaling.EVENT.NEW_INVITATION_RECEIVED);
      assert.equal(rung.inviteID, inviteID);
      assert.equal(rung.groupID, groupID);
    }
  });

  test('failures reject with {code, message}; off() stops a handler', async () => {
    const alice = await app('alice');
    const bob = await app('bob');
    const inviteID = await alice.call(bob.userID);
    await bob.next(TSignaling.EVENT.NEW_INVITATION_RECEIVED);

    await assert.rejects(bob.cancel(inviteID), (/** @type {any} */ error) => error.code === 8011 && typeof error.message === 'string');
    await assert.rejects(alice.accept('no-such-invitation'), (/** @type {any} */ error) => error.code === 8010);
    const anonymous = new TSignaling({ url: gateway().url, SDKAppID: tencent.sdkAppId });
    await assert.rejects(anonymous.invite({ userID: bob.userID }), (/** @type {any} */ error) => error.code === 6014);
    await assert.rejects(anonymous.login({ userID: 'mallory', userSig: 'not-a-usersig' }), (/** @type {any} */ error) => typeof error.code === 'number' && error.code !== 0);

    let heard = 0;
    const handler = () => heard++;
    bob.tsignaling.on(TSignaling.EVENT.INVITATION_CANCELLED, handler);
    bob.tsignaling.off(TSignaling.EVENT.INVITATION_CANCELLED, handler);
    await alice.cancel(inviteID);
    await bob.next(TSignaling.EVENT.INVITATION_CANCELLED);
    assert.equal(heard, 0);
  });

  test('the default timeout is 0, as in TSignaling: the invitation does not time out', async () => {
    const alice = await app('alice');
    const bob = await app('bob');
    const { inviteID } = await alice.tsignaling.invite({ userID: bob.userID });
    await bob.next(TSignaling.EVENT.NEW_INVITATION_RECEIVED);

    const stored = await fetch(`${gateway().url}/tencent/signaling/messages?${new URLSearchParams({ sdkappid: String(tencent.sdkAppId), identifier: alice.userID, usersig: userSig(alice.userID) })}`,
      { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"after":0,"count":5}' });
    const payload = JSON.parse((await stored.json()).data.messages[0].customElem.data);
    assert.equal(payload.inviteID, inviteID);
    assert.equal(payload.timeout, 0);

    await alice.tsignaling.logout();
    await assert.rejects(alice.tsignaling.invite({ userID: bob.userID }), (/** @type {any} */ error) => error.code === 6014);
  });
});
