// The canonical client against the real gateway process: every method, errors as objects, reconnect and resume
// across a kill -9 of the gateway, and token refresh (issue 14, item 4).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import WebSocket from 'ws';
import { connect, SignalingError } from '../src/index.js';
import { Gateway, token, unique } from '../../../test-support/gateway.js';

/** @type {Gateway} */
let gateway;

before(async () => {
  gateway = await Gateway.start();
});

after(async () => {
  await gateway?.stop();
});

/**
 * Collects a client's events and waits for the ones a test expects.
 * @param {import('../src/index.js').SignalingClient} client
 */
function recorder(client) {
  /** @type {import('../src/index.js').SignalingEvent[]} */
  const events = [];
  /** @type {(() => void)[]} */
  let waiters = [];
  client.on('*', (event) => {
    events.push(event);
    waiters.forEach((wake) => wake());
  });
  return {
    events,
    /**
     * @param {(events: import('../src/index.js').SignalingEvent[]) => boolean} done
     * @param {number} [ms]
     */
    async until(done, ms = 5000) {
      const deadline = Date.now() + ms;
      while (!done(events)) {
        const left = deadline - Date.now();
        if (left <= 0) {
          assert.fail(`Timed out; events so far: ${events.map((e) => `${e.sequence}:${e.kind}`).join(', ')}`);
        }
        await new Promise((resolve) => {
          const timer = setTimeout(resolve, Math.min(left, 100));
          waiters.push(() => {
            clearTimeout(timer);
            resolve(undefined);
          });
        });
        waiters = [];
      }
    },
    position: 0,
    /**
     * The next event of this kind after the last one returned (it may have arrived already).
     * @param {string} kind
     */
    async next(kind) {
      const found = () => events.findIndex((e, i) => i >= this.position && e.kind === kind);
      await this.until(() => found() >= 0);
      const index = found();
      this.position = index + 1;
      return events[index];
    },
  };
}

/** @param {string} userId @param {object} [options] */
const user = (userId, options = {}) => connect({ url: gateway.url, token: token(userId, { deviceId: 'node' }), ...options });

describe('calls', () => {
  test('invite, accept and hang up: each side sees the other, as typed events', async () => {
    const [aliceId, bobId] = [unique('alice'), unique('bob')];
    const alice = await user(aliceId);
    const bob = await user(bobId);
    const aliceEvents = recorder(alice);
    const bobEvents = recorder(bob);

    const invitation = await alice.invitations.create({ invitees: [bobId], mediaType: 'video', data: 'hello', timeoutSeconds: 30 });
    assert.equal(invitation.status, 'ringing');
    assert.ok(invitation.expiresAt);
    const received = await bobEvents.next('invitationReceived');
    assert.equal(received.invitationId, invitation.id);
    assert.equal(received.invitation?.data, 'hello');
    assert.equal((await bob.invitations.get(invitation.id)).id, invitation.id);

    const accepted = await bob.invitations.accept(invitation.id, 'hi');
    assert.equal(accepted.status, 'connected');
    assert.equal((await aliceEvents.next('inviteeAccepted')).data, 'hi');

    await alice.invitations.modify(invitation.id, 'new data');
    assert.equal((await bobEvents.next('invitationModified')).data, 'new data');

    const ended = await alice.invitations.hangUp(invitation.id);
    assert.equal(ended.status, 'ended');
    await bobEvents.next('callEnded');
    alice.close();
    bob.close();
  });

  test('reject and cancel reach the other side', async () => {
    const [aliceId, bobId] = [unique('alice'), unique('bob')];
    const alice = await user(aliceId);
    const bob = await user(bobId);
    const aliceEvents = recorder(alice);
    const bobEvents = recorder(bob);

    const first = await alice.invitations.create({ invitees: [bobId] });
    await bobEvents.next('invitationReceived');
    await bob.invitations.reject(first.id, 'busy');
    assert.equal((await aliceEvents.next('inviteeRejected')).data, 'busy');

    const second = await alice.invitations.create({ invitees: [bobId] });
    await bob.invitations.get(second.id);
    await alice.invitations.cancel(second.id);
    assert.equal((await bobEvents.next('invitationCancelled')).invitationId, second.id);
    alice.close();
    bob.close();
  });

  test('refusals are SignalingError objects carrying the canonical code and status', async () => {
    const [aliceId, bobId] = [unique('alice'), unique('bob')];
    const alice = await user(aliceId);
    const bob = await user(bobId);
    const invitation = await alice.invitations.create({ invitees: [bobId] });
    await bob.invitations.accept(invitation.id);

    await assert.rejects(bob.invitations.accept(invitation.id), (error) => {
      assert.ok(error instanceof SignalingError);
      assert.equal(error.code, 'AlreadyAccepted');
      assert.equal(error.status, 409);
      assert.equal(error.problem.code, 'AlreadyAccepted');
      return true;
    });
    await assert.rejects(alice.invitations.get('no-such-invitation'), { name: 'SignalingError', code: 'InvitationNotFound', status: 404 });
    await assert.rejects(alice.invitations.create({ invitees: [] }), { code: 'InvalidArgument', status: 400 });
    alice.close();
    bob.close();
  });
});

describe('channels, messages, presence, attributes', () => {
  test('every channel and user method', async () => {
    const [aliceId, bobId] = [unique('alice'), unique('bob')];
    const alice = await user(aliceId);
    const bob = await user(bobId);
    const aliceEvents = recorder(alice);
    const bobEvents = recorder(bob);

    const channel = await alice.channels.create({ name: unique('room'), type: 'video' });
    assert.equal((await alice.channels.get(channel.id)).name, channel.name);
    await alice.channels.join(channel.id);
    const joined = await bob.channels.join(channel.id, { data: 'hi all' });
    assert.equal(joined.channelId, channel.id);
    assert.equal((await aliceEvents.next('memberJoined')).member?.userId, bobId);

    await alice.channels.setAttribute(channel.id, 'topic', 'standup');
    assert.equal((await bobEvents.next('channelAttributesChanged')).attributeValue, 'standup');
    assert.deepEqual((await alice.channels.deleteAttribute(channel.id, 'topic')).attributes, {});
    await alice.channels.setAttribute(channel.id, 'a', '1');
    assert.deepEqual((await alice.channels.clearAttributes(channel.id)).attributes, {});

    const receipt = await alice.channels.sendMessage(channel.id, 'hello channel');
    assert.equal(receipt.channelId, channel.id);
    assert.equal((await bobEvents.next('channelMessage')).data, 'hello channel');

    await bob.channels.leave(channel.id);
    await aliceEvents.next('memberLeft');
    assert.equal((await alice.channels.close(channel.id)).closed, true);

    await alice.users.sendMessage(bobId, 'direct');
    assert.equal((await bobEvents.next('peerMessage')).data, 'direct');
    assert.equal((await alice.users.getPresence(bobId)).online, true);
    assert.deepEqual(await bob.users.setAttribute(bobId, 'mood', 'busy'), { mood: 'busy' });
    assert.deepEqual(await alice.users.getAttributes(bobId), { mood: 'busy' });
    assert.deepEqual(await bob.users.deleteAttribute(bobId, 'mood'), {});
    alice.close();
    bob.close();
  });
});

describe('resilience', () => {
  for (const transport of /** @type {const} */ (['sse', 'websocket'])) {
    test(`${transport}: after a kill -9 of the gateway the stream resumes with no event lost or repeated`, async () => {
      const [aliceId, bobId] = [unique('alice'), unique('bob')];
      const alice = await user(aliceId);
      const bob = await user(bobId, { transport, WebSocket, backoff: { initialMs: 100, maxMs: 500 } });
      const bobEvents = recorder(bob);
      /** @type {string[]} */
      const states = [];
      bob.onConnectionChange((status) => states.push(status.state));

      await alice.users.sendMessage(bobId, 'before');
      await bobEvents.until((events) => events.length === 1);
      await gateway.kill();
      await gateway.restart();
      for (const text of ['after 1', 'after 2', 'after 3']) {
        await alice.users.sendMessage(bobId, text);
      }
      await bobEvents.until((events) => events.length >= 4);
      await new Promise((resolve) => setTimeout(resolve, 300)); // Anything repeated would have arrived by now.

      assert.deepEqual(bobEvents.events.map((e) => e.data), ['before', 'after 1', 'after 2', 'after 3']);
      assert.deepEqual(bobEvents.events.map((e) => e.sequence), [1, 2, 3, 4]);
      assert.ok(states.includes('reconnecting'), `states: ${states.join(', ')}`);
      assert.equal(bob.lastSequence, 4);
      alice.close();
      bob.close();
    });
  }

  test('an expired token is replaced through getToken, for calls and for the stream', async () => {
    const bobId = unique('bob');
    let calls = 0;
    const bob = await connect({
      url: gateway.url,
      // The first token has already expired: the gateway refuses it, and the client asks for another.
      getToken: () => token(bobId, { lifetimeSeconds: calls++ === 0 ? -3600 : 3600 }),
    });
    assert.equal(calls, 2);
    const presence = await bob.users.getPresence(bobId);
    assert.equal(presence.online, true);
    bob.close();

    await assert.rejects(connect({ url: gateway.url, token: token(bobId, { lifetimeSeconds: -3600 }) }), { code: 'Unauthenticated', status: 401 });
  });

  test('a stream resumes from a stored sequence with connect({ after })', async () => {
    const [aliceId, bobId] = [unique('alice'), unique('bob')];
    const alice = await user(aliceId);
    for (const text of ['one', 'two', 'three']) {
      await alice.users.sendMessage(bobId, text);
    }
    const bob = await user(bobId, { after: 1 });
    const bobEvents = recorder(bob);

    await bobEvents.until((events) => events.length === 2);
    assert.deepEqual(bobEvents.events.map((e) => e.data), ['two', 'three']);
    alice.close();
    bob.close();
  });
});
