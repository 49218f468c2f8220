// A calling app written the way AgoraIO's Signaling web tutorial wraps the SDK (signalingClient.js): Signal(appId),
// callbacks on the session, the channel and each call proxied to emitters, promises for login and join. Only the import
// and Signal's options are the gateway's.
import { EventEmitter } from 'node:events';
import { Signal } from '@signaling-gateway/agora-signaling';

/** Keeps every emission, so a test can wait for one that already happened. @param {EventEmitter} emitter */
function recorded(emitter) {
  /** @type {[string, any[]][]} */
  const log = [];
  const emit = emitter.emit.bind(emitter);
  Object.assign(emitter, { log, emit: (/** @type {string} */ event, /** @type {any[]} */ ...args) => (log.push([event, args]), emit(event, ...args)) });
  return emitter;
}

export class SignalingClient {
  /** @param {string} appId @param {import('@signaling-gateway/agora-signaling').SignalOptions} options */
  constructor(appId, options) {
    this.signal = Signal(appId, options);
    this.sessionEmitter = recorded(new EventEmitter());
    this.channelEmitter = recorded(new EventEmitter());
    this.callEmitter = recorded(new EventEmitter());
    /** @type {any[]} */
    this.received = []; // Incoming calls, newest last.
  }

  /** @param {string} account @param {string} token */
  login(account, token) {
    this.account = account;
    return new Promise((resolve, reject) => {
      this.session = this.signal.login(account, token);
      for (const event of ['onLoginSuccess', 'onLoginFailed', 'onLogout', 'onMessageInstantReceive', 'onInviteReceived']) {
        /** @type {any} */ (this.session)[event] = (/** @type {any[]} */ ...args) => this.sessionEmitter.emit(event, ...args);
      }
      this.sessionEmitter.on('onInviteReceived', (call) => {
        this.#watch(call);
        this.received.push(call);
      });
      this.sessionEmitter.once('onLoginSuccess', resolve);
      this.sessionEmitter.once('onLoginFailed', reject);
    });
  }

  logout() {
    return new Promise((resolve) => {
      this.sessionEmitter.once('onLogout', resolve);
      this.session?.logout();
    });
  }

  /** @param {string} channel @param {string} peer @param {string} [extra] */
  invite(channel, peer, extra) {
    const call = /** @type {import('@signaling-gateway/agora-signaling').Session} */ (this.session).channelInviteUser2(channel, peer, extra);
    this.#watch(call);
    return call;
  }

  /** @param {string} channel */
  join(channel) {
    return new Promise((resolve, reject) => {
      this.channel = /** @type {import('@signaling-gateway/agora-signaling').Session} */ (this.session).channelJoin(channel);
      for (const event of ['onChannelJoined', 'onChannelJoinFailed', 'onChannelLeaved', 'onChannelUserJoined', 'onChannelUserLeaved',
        'onChannelUserList', 'onChannelAttrUpdated', 'onMessageChannelReceive']) {
        /** @type {any} */ (this.channel)[event] = (/** @type {any[]} */ ...args) => this.channelEmitter.emit(event, ...args);
      }
      this.channelEmitter.once('onChannelJoined', resolve);
      this.channelEmitter.once('onChannelJoinFailed', reject);
    });
  }

  leave() {
    return new Promise((resolve) => {
      this.channelEmitter.once('onChannelLeaved', resolve);
      this.channel?.channelLeave();
    });
  }

  /** @param {string} peer @param {string} text */
  sendMessage(peer, text) {
    return new Promise((resolve) => this.session?.messageInstantSend(peer, text, resolve));
  }

  /**
   * The oldest emission of `event` on `emitter` the test has not taken yet (one that came before the test asked counts),
   * with its arguments. @param {EventEmitter} emitter @param {string} event
   */
  async next(emitter, event, timeoutMs = 5000) {
    const log = /** @type {any} */ (emitter).log;
    for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await new Promise((resolve) => setTimeout(resolve, 20))) {
      const index = log.findIndex((/** @type {any[]} */ entry) => entry[0] === event);
      if (index >= 0) {
        return log.splice(index, 1)[0][1];
      }
    }
    throw new Error(`${this.account}: no ${event} within ${timeoutMs} ms`);
  }

  /** @param {any} call */
  #watch(call) {
    for (const event of ['onInviteReceivedByPeer', 'onInviteAcceptedByPeer', 'onInviteRefusedByPeer', 'onInviteFailed', 'onInviteEndByPeer',
      'onInviteEndByMyself', 'onInviteMsg']) {
      call[event] = (/** @type {any[]} */ ...args) => this.callEmitter.emit(event, call, ...args);
    }
  }
}
