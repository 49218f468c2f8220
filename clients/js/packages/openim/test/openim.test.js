// The OpenIM-compatible package against the real gateway, through a calling app written as OpenIM's web demo uses the
// SDK: im.on(CbEvents.X, ({ data }) => JSON.parse(data)), signalingInvite(RtcInvite), answers with {opUserID, invitation}.
// Facts checked: audit OpenIM "methods" (8/8 names), "request shape" (the JS SDK wraps the RtcInvite), O-1 (PascalCase
// CbEvents), O-6 (accept/reject reach the inviter), O-7 (WsResponse with data as a JSON string), B.4 (timeout, hang-up).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import WebSocket from 'ws';
import { CbEvents, getSDK } from '@signaling-gateway/openim';
import { openim, unique } from '../../../test-support/gateway.js';
import { gatewayForSuite } from '../../../test-support/node-suite.js';
import { CallApp } from './call-app.js';

const gateway = gatewayForSuite();

/** A logged-in app for a new user. @param {string} name */
async function app(name, transport = /** @type {'websocket' | 'sse'} */ ('websocket')) {
  const calling = new CallApp({ url: gateway().url, WebSocket, transport });
  const userID = unique(name);
  await calling.login(userID, openim.token(userID));
  return calling;
}

describe('OpenIM web SDK signaling', () => {
  test('invite, ring, accept, hang up: WsResponse results and CbEvents callbacks', async () => {
    const u1 = await app('u1');
    const u2 = await app('u2', 'sse');

    const invited = await u1.im.signalingInvite(u1.invitation([u2.userID]));
    assert.deepEqual(Object.keys(invited).sort(), ['data', 'errCode', 'errMsg', 'event', 'operationID']);
    assert.equal(typeof invited.data, 'string'); // A JSON string, as the SDK gives it (O-7).
    const { roomID } = JSON.parse(invited.data);
    const rung = await u2.next(CbEvents.ONRECEIVENEWINVITATION);
    assert.equal(rung.invitation.roomID, roomID);
    assert.equal(rung.invitation.inviterUserID, u1.userID);

    await u2.im.signalingAccept({ opUserID: u2.userID, invitation: rung.invitation });
    assert.equal((await u1.next(CbEvents.ONINVITEEACCEPTED)).opUserID, u2.userID);

    await u1.im.signalingHungUp({ opUserID: u1.userID, invitation: rung.invitation });
    assert.equal((await u2.next(CbEvents.ONHANGUP)).opUserID, u1.userID);
  });

  test('reject and cancel; a stranger cancelling is rejected with the SDK envelope', async () => {
    const u1 = await app('u1');
    const u2 = await app('u2');
    const u3 = await app('u3');

    await u1.im.signalingInvite(u1.invitation([u2.userID]));
    const first = await u2.next(CbEvents.ONRECEIVENEWINVITATION);
    await u2.im.signalingReject({ opUserID: u2.userID, invitation: first.invitation });
    assert.equal((await u1.next(CbEvents.ONINVITEEREJECTED)).opUserID, u2.userID);

    await u1.im.signalingInvite(u1.invitation([u2.userID]));
    const second = await u2.next(CbEvents.ONRECEIVENEWINVITATION);
    await assert.rejects(u3.im.signalingCancel({ opUserID: u3.userID, invitation: second.invitation }),
      (/** @type {any} */ response) => response.errCode === 1002 && response.event === 'signalingCancel');
    await u1.im.signalingCancel({ opUserID: u1.userID, invitation: second.invitation });
    assert.equal((await u2.next(CbEvents.ONINVITATIONCANCELLED)).invitation.roomID, second.invitation.roomID);
  });

  test('nobody answers: the inviter gets OnInvitationTimeout', async () => {
    const u1 = await app('u1');
    const u2 = await app('u2');

    await u1.im.signalingInvite(u1.invitation([u2.userID], { timeout: 1 }));

    await u2.next(CbEvents.ONRECEIVENEWINVITATION);
    assert.equal((await u1.next(CbEvents.ONINVITATIONTIMEOUT)).invitation.inviterUserID, u1.userID);
  });

  test('a group call: everyone rings, the room is found by group, and its token by room', async () => {
    const u1 = await app('u1');
    const u2 = await app('u2');
    const u3 = await app('u3');
    const groupID = unique('g');

    const invited = await u1.im.signalingInviteInGroup(u1.invitation([u2.userID, u3.userID], { groupID }));
    const { roomID } = JSON.parse(invited.data);
    for (const member of [u2, u3]) {
      assert.equal((await member.next(CbEvents.ONRECEIVENEWINVITATION)).invitation.groupID, groupID);
    }

    assert.equal(JSON.parse((await u2.im.signalingGetRoomByGroupID(groupID)).data).roomID, roomID);
    assert.equal(typeof JSON.parse((await u2.im.signalingGetTokenByRoomID(roomID)).data).token, 'string');
  });

  test('before login, and after logout, calls are refused', async () => {
    const u1 = await app('u1');
    await u1.im.logout();
    await assert.rejects(u1.im.signalingInvite(u1.invitation(['someone'])), (/** @type {any} */ response) => response.errCode !== 0);
    await assert.rejects(getSDK().login({ userID: 'mallory', token: 'not-a-token', url: gateway().url, WebSocket }),
      (/** @type {any} */ response) => response.errCode !== 0);
  });
});
