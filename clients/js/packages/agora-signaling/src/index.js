import { openVendorStream, sendJson } from '@signaling-gateway/client';

/**
 * @typedef {object} SignalOptions
 * @property {string} url The gateway's address, such as `https://gw.example.com` (the one option AgoraSig.js does not have).
 * @property {string} [deviceID] This device's id (a second login from another device logs this one out with 103).
 * @property {typeof WebSocket} [WebSocket] For runtimes without a global WebSocket (Node 20: the `ws` package).
 * @property {'auto' | 'websocket' | 'sse'} [transport]
 * @property {typeof fetch} [fetch]
 */

/** What a callback may be: a function, or '' (the SDK's initial value) when the app set none. */
const fire = (/** @type {any} */ callback, /** @type {any[]} */ ...args) => {
  if (typeof callback === 'function') {
    try {
      callback(...args);
    } catch (error) {
      console.error(error); // As AgoraSig.js does: one failing callback does not stop the session.
    }
  }
};

/**
 * `Signal(appId, { url })`: Agora Signaling 1.x's entry point, served by the gateway's `/agora` surface.
 * @param {string} appId
 * @param {SignalOptions} options
 */
export function Signal(appId, options) {
  if (!options?.url) {
    throw new TypeError('Signal(appId, { url }) needs the gateway url.');
  }
  return {
    appId,
    /** @param {string} account @param {string} token a SignalingToken (or `_no_need_token` where the gateway allows it) */
    login: (/** @type {string} */ account, /** @type {string} */ token) => new Session(appId, account, token, options),
  };
}

/** A logged-in user: assign its callbacks right after `login` returns, as with AgoraSig.js. */
export class Session {
  /** @param {string} appId @param {string} account @param {string} token @param {SignalOptions} options */
  constructor(appId, account, token, options) {
    this.account = account;
    this.appId = appId;
    /** @type {any} */ this.onLoginSuccess = '';
    /** @type {any} */ this.onLoginFailed = '';
    /** @type {any} */ this.onLogout = '';
    /** @type {any} */ this.onInviteReceived = '';
    /** @type {any} */ this.onMessageInstantReceive = '';
    this.#options = options;
    this.#fetch = options.fetch ?? globalThis.fetch.bind(globalThis);
    this.#base = options.url.endsWith('/') ? options.url : `${options.url}/`;
    // The SDK logs in in the background and reports through the callbacks the app assigns meanwhile.
    queueMicrotask(() => this.#login(token));
  }

  /** @type {SignalOptions} */
  #options;
  /** @type {typeof fetch} */
  #fetch;
  /** @type {string} */
  #base;
  /** @type {string | undefined} */
  #session;
  /** @type {import('@signaling-gateway/client').EventStream | undefined} */
  #stream;
  /** @type {Map<string, Call>} */
  #calls = new Map();
  /** @type {Map<string, Channel>} */
  #channels = new Map();
  /** Channels this session left itself: their onChannelLeaved gets 0, as the Web SDK's own leave does (audit A-5). */
  #leaving = new Set();

  /** @param {string} peer @param {string} msg @param {(failed: boolean) => void} [cb] called with false on success, as in AgoraSig.js */
  messageInstantSend(peer, msg, cb) {
    this.call('messageInstantSend', { peer, msg }).then((answer) => fire(cb, answer.ecode !== 0));
  }

  /**
   * `io.agora.signal.*` functions, answered as the SDK does: `cb(err, result)` with `err` '' on success.
   * @param {string} func @param {object} args @param {(err: any, result: any) => void} [cb]
   */
  invoke(func, args, cb) {
    if (!func.startsWith('io.agora.signal.')) {
      return; // The Web SDK ignores other names.
    }
    this.call('invoke', { func, args }).then((answer) => fire(cb, answer.ecode === 0 ? '' : answer.ecode, answer.result));
  }

  /** @param {string} channelID @param {string} peer @param {string} [extra] @returns {Call} */
  channelInviteUser2(channelID, peer, extra = '') {
    const call = this.#call(channelID, peer, extra);
    this.call('channelInviteUser2', { channelID, peer, extra }).then((answer) => {
      if (answer.ecode !== 0) {
        fire(call.onInviteFailed, answer.ecode);
      }
    });
    return call;
  }

  /** @param {string} channelID @returns {Channel} */
  channelJoin(channelID) {
    const channel = new Channel(this, channelID);
    this.#channels.set(channelID, channel);
    this.call('channelJoin', { channelID }).then((answer) => {
      if (answer.ecode !== 0) {
        this.#channels.delete(channelID);
        fire(channel.onChannelJoinFailed, answer.ecode);
      }
    });
    return channel;
  }

  /** Logs out: `onLogout(101)` follows, then the session is over. */
  logout() {
    this.call('logout', {});
  }

  /** @internal Marks a leave this session asked for. @param {string} channelID */
  leaving(channelID) {
    this.#leaving.add(channelID);
  }

  /**
   * @internal One method of the surface, with this session; network failures answer ecode 1 (as a general failure).
   * @param {string} method @param {object} body
   * @returns {Promise<{ ecode: number, result?: any, reason?: string }>}
   */
  async call(method, body) {
    try {
      const answer = await sendJson(this.#fetch, new URL(`agora/${method}`, this.#base), {
        body, headers: this.#session ? { 'X-Agora-Session': this.#session } : {},
      });
      return answer.body ?? { ecode: 1, reason: `HTTP ${answer.status}` };
    } catch (error) {
      return { ecode: 1, reason: /** @type {Error} */ (error).message };
    }
  }

  /** @param {string} token */
  async #login(token) {
    const answer = await this.call('login', { account: this.account, token, deviceID: this.#options.deviceID });
    if (answer.ecode !== 0) {
      fire(this.onLoginFailed, answer.ecode);
      return;
    }
    this.#session = answer.result.session;
    // A refused session is reported as onLogout by the gateway first, so `opened` is not waited for.
    const { stream, opened } = openVendorStream({
      url: this.#options.url,
      path: 'agora/events',
      token: /** @type {string} */ (this.#session),
      query: (session) => ({ session }),
      transport: this.#options.transport,
      WebSocket: this.#options.WebSocket,
      fetch: this.#options.fetch,
      onFrame: (frame) => this.#dispatch(frame.name, frame.data),
    });
    opened.catch(() => {});
    this.#stream = stream;
  }

  /** Calls are one per channel and peer, as in AgoraSig.js. @param {string} channelID @param {string} peer @param {string} extra */
  #call(channelID, peer, extra) {
    const call = new Call(this, channelID, peer, extra);
    this.#calls.set(`${channelID}\n${peer}`, call);
    return call;
  }

  /** @param {string} name @param {any} data */
  #dispatch(name, data) {
    const call = this.#calls.get(`${data.channelID}\n${data.account}`);
    const channel = this.#channels.get(data.channelID);
    switch (name) {
      case 'onLoginSuccess':
        return fire(this.onLoginSuccess, data.uid ?? 0);
      case 'onLogout':
        this.#stream?.close();
        return fire(this.onLogout, data.ecode);
      case 'onMessageInstantReceive':
        return fire(this.onMessageInstantReceive, data.account, data.uid ?? 0, data.msg);
      case 'onInviteReceived':
        return fire(this.onInviteReceived, this.#call(data.channelID, data.account, data.extra ?? ''));
      case 'onInviteReceivedByPeer':
      case 'onInviteAcceptedByPeer':
      case 'onInviteRefusedByPeer':
      case 'onInviteEndByPeer':
      case 'onInviteEndByMyself':
        return call && fire(/** @type {any} */ (call)[name], data.extra ?? '');
      case 'onInviteFailed':
        return call && fire(call.onInviteFailed, data.ecode ?? data.extra ?? '');
      case 'onInviteMsg':
        return call && fire(call.onInviteMsg, JSON.stringify({ msgtype: data.msgType, msgdata: data.msgData }));
      case 'onChannelJoined':
        return channel && fire(channel.onChannelJoined);
      case 'onChannelUserList':
        return channel && fire(channel.onChannelUserList, data.list ?? []);
      case 'onChannelUserJoined':
      case 'onChannelUserLeaved':
        return channel && fire(/** @type {any} */ (channel)[name], data.account, data.uid ?? 0);
      case 'onChannelAttrUpdated':
        return channel && fire(channel.onChannelAttrUpdated, data.name, data.value, data.type);
      case 'onMessageChannelReceive':
        return channel && fire(channel.onMessageChannelReceive, data.account, data.uid ?? 0, data.msg);
      case 'onChannelLeaved':
        if (channel) {
          this.#channels.delete(data.channelID);
          fire(channel.onChannelLeaved, this.#leaving.delete(data.channelID) ? 0 : data.ecode);
        }
        return undefined;
      default:
        return undefined; // Native-only result callbacks: the Web SDK has none of them.
    }
  }
}

/** A call between this session and a peer in a channel: assign its callbacks, use its actions. */
export class Call {
  /** @param {Session} session @param {string} channelID @param {string} peer @param {string} extra */
  constructor(session, channelID, peer, extra) {
    this.channelName = channelID;
    this.peer = peer;
    this.extra = extra;
    /** @type {any} */ this.onInviteReceivedByPeer = '';
    /** @type {any} */ this.onInviteAcceptedByPeer = '';
    /** @type {any} */ this.onInviteRefusedByPeer = '';
    /** @type {any} */ this.onInviteFailed = '';
    /** @type {any} */ this.onInviteEndByPeer = '';
    /** @type {any} */ this.onInviteEndByMyself = '';
    /** @type {any} */ this.onInviteMsg = '';
    this.#session = session;
  }

  /** @type {Session} */
  #session;

  /** @param {string} [extra] */
  channelInviteAccept(extra = '') {
    this.#session.call('channelInviteAccept', { channelID: this.channelName, peer: this.peer, extra });
  }

  /** @param {string} [extra] */
  channelInviteRefuse(extra = '') {
    this.#session.call('channelInviteRefuse', { channelID: this.channelName, peer: this.peer, extra });
  }

  /** @param {string} dtmf */
  channelInviteDTMF(dtmf) {
    this.#session.call('channelInviteDTMF', { channelID: this.channelName, peer: this.peer, dtmf });
  }

  /** Ends the call; `onInviteEndByMyself` follows (from the gateway, so every device of this user sees it). @param {string} [extra] */
  channelInviteEnd(extra = '') {
    this.#session.call('channelInviteEnd', { channelID: this.channelName, peer: this.peer, extra });
  }
}

/** A channel this session joined: assign its callbacks, use its actions (each takes an optional completion callback). */
export class Channel {
  /** @param {Session} session @param {string} name */
  constructor(session, name) {
    this.name = name;
    /** @type {any} */ this.onChannelJoined = '';
    /** @type {any} */ this.onChannelJoinFailed = '';
    /** @type {any} */ this.onChannelLeaved = '';
    /** @type {any} */ this.onChannelUserList = '';
    /** @type {any} */ this.onChannelUserJoined = '';
    /** @type {any} */ this.onChannelUserLeaved = '';
    /** @type {any} */ this.onChannelAttrUpdated = '';
    /** @type {any} */ this.onMessageChannelReceive = '';
    this.#session = session;
  }

  /** @type {Session} */
  #session;

  /** @param {string} msg @param {() => void} [done] */
  messageChannelSend(msg, done) {
    this.#session.call('messageChannelSend', { channelID: this.name, msg }).then(() => fire(done));
  }

  /** @param {string} name @param {string} value @param {() => void} [done] */
  channelSetAttr(name, value, done) {
    this.#session.call('channelSetAttr', { channelID: this.name, name, value }).then(() => fire(done));
  }

  /** @param {string} name @param {() => void} [done] */
  channelDelAttr(name, done) {
    this.#session.call('channelDelAttr', { channelID: this.name, name }).then(() => fire(done));
  }

  /** @param {() => void} [done] */
  channelClearAttr(done) {
    this.#session.call('channelClearAttr', { channelID: this.name }).then(() => fire(done));
  }

  /** Leaves; `onChannelLeaved(0)` follows, as with the Web SDK. @param {() => void} [done] */
  channelLeave(done) {
    this.#session.leaving(this.name);
    this.#session.call('channelLeave', { channelID: this.name }).then(() => fire(done));
  }
}
