// The Agora Signaling 1.x-compatible package against the real gateway, through an app written as AgoraIO's web tutorial
// wraps the SDK. Facts checked: audit Agora "Web call API" and "callbacks" rows (AW AgoraSig.js: Call objects with
// channelInviteAccept/Refuse/DTMF/End; onInviteReceived(call), onInvite…ByPeer(extra), onInviteEndByMyself; channel
// callbacks; messageInstantSend's cb(false) on success; invoke's cb('', result)), B.3 (`_timeout` → onInviteFailed),
// B.4/B.6 (logout → onLogout(101)), A-5 (the Web SDK's own leave gives onChannelLeaved(0)).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import WebSocket from 'ws';
import { agora, signalingToken, unique } from '../../../test-support/gateway.js';
import { gatewayForSuite } from '../../../test-support/node-suite.js';
import { SignalingClient } from './signaling-client.js';

const gateway = gatewayForSuite();

/** A logged-in app for a new account. @param {string} name */
async function app(name, transport = /** @type {'websocket' | 'sse'} */ ('websocket')) {
  const client = new SignalingClient(agora.appId, { url: gateway().url, WebSocket, transport });
  const account = unique(name);
  await client.login(account, signalingToken(account));
  return client;
}

describe('Agora Signaling 1.x', () => {
  test('a call: invite, ring, accept, DTMF, end', async () => {
    const a = await app('a');
    const b = await app('b', 'sse');
    const channel = unique('room');

    const call = a.invite(channel, /** @type {string} */ (b.account), '{"type":"video"}');
    const [incoming] = await b.next(b.sessionEmitter, 'onInviteReceived');
    assert.equal(incoming.channelName, channel);
    assert.equal(incoming.peer, a.account);
    assert.equal(incoming.extra, '{"type":"video"}');
    const [byPeer] = await a.next(a.callEmitter, 'onInviteReceivedByPeer');
    assert.equal(byPeer, call);

    incoming.channelInviteAccept('{"ok":1}');
    const [acceptedCall, acceptedExtra] = await a.next(a.callEmitter, 'onInviteAcceptedByPeer');
    assert.equal(acceptedCall, call);
    assert.equal(acceptedExtra, '{"ok":1}');

    call.channelInviteDTMF('12#');
    const [, message] = await b.next(b.callEmitter, 'onInviteMsg');
    assert.deepEqual(JSON.parse(message), { msgtype: 'dtmf', msgdata: '12#' });

    call.channelInviteEnd();
    await a.next(a.callEmitter, 'onInviteEndByMyself');
    const [endedCall] = await b.next(b.callEmitter, 'onInviteEndByPeer');
    assert.equal(endedCall, incoming);
  });

  test('refused, cancelled before an answer, and unanswered calls', async () => {
    const a = await app('a');
    const b = await app('b');

    a.invite(unique('room'), /** @type {string} */ (b.account));
    const [first] = await b.next(b.sessionEmitter, 'onInviteReceived');
    first.channelInviteRefuse('{"reason":"busy"}');
    const [, refusedExtra] = await a.next(a.callEmitter, 'onInviteRefusedByPeer');
    assert.equal(refusedExtra, '{"reason":"busy"}');

    const cancelled = a.invite(unique('room'), /** @type {string} */ (b.account));
    await b.next(b.sessionEmitter, 'onInviteReceived');
    cancelled.channelInviteEnd();
    await b.next(b.callEmitter, 'onInviteEndByPeer');

    const unanswered = a.invite(unique('room'), /** @type {string} */ (b.account), '{"_timeout":1}');
    await b.next(b.sessionEmitter, 'onInviteReceived');
    const [failedCall] = await a.next(a.callEmitter, 'onInviteFailed', 6000);
    assert.equal(failedCall, unanswered);
  });

  test('a channel: join, members, attributes, messages, leave', async () => {
    const a = await app('a');
    const b = await app('b');
    const name = unique('room');

    await a.join(name);
    const joinedUser = a.next(a.channelEmitter, 'onChannelUserJoined');
    await b.join(name);
    assert.equal((await joinedUser)[0], b.account);

    const updated = b.next(b.channelEmitter, 'onChannelAttrUpdated');
    a.channel?.channelSetAttr('topic', 'standup');
    assert.deepEqual(await updated, ['topic', 'standup', 'update']);

    const said = b.next(b.channelEmitter, 'onMessageChannelReceive');
    a.channel?.messageChannelSend('hello all');
    const [from, , text] = await said;
    assert.deepEqual([from, text], [a.account, 'hello all']);

    const userLeft = a.next(a.channelEmitter, 'onChannelUserLeaved');
    assert.equal(await b.leave(), 0);
    assert.equal((await userLeft)[0], b.account);
  });

  test('peer messages, invoke and logout', async () => {
    const a = await app('a');
    const b = await app('b');

    const heard = b.next(b.sessionEmitter, 'onMessageInstantReceive');
    assert.equal(await a.sendMessage(/** @type {string} */ (b.account), "hi"), false); // cb(!ok)
    const [from, , msg] = await heard;
    assert.deepEqual([from, msg], [a.account, 'hi']);

    const name = unique('room');
    await a.join(name);
    const [err, result] = await new Promise((resolve) => a.session?.invoke('io.agora.signal.channel_query_num', { name }, (/** @type {any[]} */ ...args) => resolve(args)));
    assert.equal(err, '');
    assert.equal(result.num, 1);

    assert.equal(await a.logout(), 101);
  });

  test('a wrong token fails the login with its ecode', async () => {
    const client = new SignalingClient(agora.appId, { url: gateway().url, WebSocket });
    await assert.rejects(client.login('mallory', '1:not-this-app:0:00'), (/** @type {any} */ ecode) => ecode === 206);
  });
});
