import { Listeners, openVendorStream, sendJson } from '@signaling-gateway/client';

/** The four signaling events and the init option each also calls (N9 `onSignaling*Notify` handlers, audit NIM "web events"). */
const EVENTS = /** @type {Record<string, string>} */ ({
  signalingNotify: 'onSignalingNotify',
  signalingMutilClientSyncNotify: 'onSignalingMutilClientSyncNotify',
  signalingUnreadMessageSyncNotify: 'onSignalingUnreadMessageSyncNotify',
  signalingChannelsSyncNotify: 'onSignalingMembersSyncNotify',
});

/** The SDK replaces an error's message with these names (N6/N9 `parseAvSignalError`, audit N-6). */
const NAMES = /** @type {Record<number, string>} */ ({
  10404: 'ROOM_NOT_EXISTS', 10405: 'ROOM_HAS_EXISTS', 10406: 'ROOM_MEMBER_NOT_EXISTS', 10407: 'ROOM_MEMBER_HAS_EXISTS',
  10408: 'INVITE_NOT_EXISTS', 10409: 'INVITE_HAS_REJECT', 10410: 'INVITE_HAS_ACCEPT', 10201: 'PEER_NIM_OFFLINE',
  10202: 'PEER_PUSH_OFFLINE', 10419: 'ROOM_MEMBER_EXCEED', 10420: 'ROOM_MEMBER_HAS_EXISTS_OTHER_CLIENT', 10417: 'UID_CONFLICT',
});

/** NIM's "client network problem": the gateway could not be reached, or this instance is destroyed. */
const NETWORK = 415;

/**
 * @typedef {object} NIMOptions The SDK's init options that signaling uses, plus the gateway's address.
 * @property {string} appKey
 * @property {string} account
 * @property {string} token A dynamic token (your server's, from the AppSecret) or a static one registered with user/create.
 * @property {string} url The gateway's address, such as `https://gw.example.com` (the only option NIM does not have).
 * @property {string} [deviceId] This device; a random one when left out (multi-device sync tells devices apart by it).
 * @property {(event: { account: string }) => void} [onconnect]
 * @property {(event: { code: number | string, message: string }) => void} [ondisconnect] code 302 when the login is refused.
 * @property {(error: { code: number | string, message: string }) => void} [onerror]
 * @property {(event: any) => void} [onSignalingNotify]
 * @property {(event: any) => void} [onSignalingMutilClientSyncNotify]
 * @property {(events: any[]) => void} [onSignalingUnreadMessageSyncNotify]
 * @property {(channels: any[]) => void} [onSignalingMembersSyncNotify] the SDK's option for signalingChannelsSyncNotify.
 * @property {typeof WebSocket} [WebSocket] For runtimes without a global WebSocket (Node 20: the `ws` package).
 * @property {'auto' | 'websocket' | 'sse'} [transport]
 * @property {typeof fetch} [fetch]
 */

/** @typedef {{ code: number, message: string, data?: any }} NIMSignalingError What a signaling call rejects with. */

/** @type {Map<string, NIM>} One instance per appKey and account, as `NIM.getInstance` keeps them. */
const instances = new Map();

/**
 * NetEase's NIM web SDK, signaling part (独立信令), served by the gateway's `/nim` surface: the same init, method names,
 * option objects, promise results, error codes and events, so an app changes its import and init options only.
 */
export default class NIM {
  /**
   * Connects (logs in) and returns the account's instance; asking again for the same account returns that instance.
   * @param {NIMOptions} options
   */
  static getInstance(options) {
    if (!options?.url || !options.appKey || !options.account) {
      throw new TypeError('NIM.getInstance({ appKey, account, token, url }) needs the gateway url, the appKey and the account.');
    }
    const key = `${options.appKey}\n${options.account}`;
    const existing = instances.get(key);
    if (existing) {
      return existing;
    }
    const nim = new NIM(options);
    instances.set(key, nim);
    return nim;
  }

  /** @param {NIMOptions} options */
  constructor(options) {
    this.#options = options;
    this.account = options.account;
    this.#deviceId = options.deviceId ?? `web-${Math.random().toString(36).slice(2, 10)}`;
    this.#fetch = options.fetch ?? globalThis.fetch.bind(globalThis);
    this.#connect();
  }

  /** @type {NIMOptions} */
  #options;
  #deviceId;
  /** @type {typeof fetch} */
  #fetch;
  #listeners = new Listeners();
  /** @type {import('@signaling-gateway/client').EventStream | undefined} */
  #stream;
  #destroyed = false;

  #connect() {
    const options = this.#options;
    const { stream, opened } = openVendorStream({
      url: options.url,
      path: 'nim/events',
      token: options.token,
      query: (token) => ({ appKey: options.appKey, accid: options.account, token, deviceId: this.#deviceId }),
      transport: options.transport,
      WebSocket: options.WebSocket,
      fetch: options.fetch,
      onFrame: (frame) => {
        const option = EVENTS[frame.name];
        if (option) {
          this.#listeners.emit(frame.name, frame.data);
          /** @type {any} */ (options)[option]?.(frame.data);
        }
      },
    });
    this.#stream = stream;
    opened.then(
      () => options.onconnect?.({ account: options.account }),
      (/** @type {Error} */ error) => {
        const refused = { code: 302, message: error.message }; // NIM's "wrong account or token".
        options.onerror?.(refused);
        options.ondisconnect?.(refused);
      },
    );
  }

  /** @param {string} event one of the signaling events @param {(payload: any) => void} handler */
  on(event, handler) {
    this.#listeners.on(event, handler);
  }

  /** @param {string} event @param {(payload: any) => void} [handler] every handler of the event when left out */
  off(event, handler) {
    this.#listeners.off(event, handler);
  }

  /** Logs out and forgets the instance; `nim = nim.destroy()` as the samples write it. @param {{ done?: (error?: any) => void }} [options] */
  destroy(options) {
    this.#destroyed = true;
    this.#stream?.close();
    instances.delete(`${this.#options.appKey}\n${this.#options.account}`);
    options?.done?.();
  }

  /** @param {{ type: number, channelName?: string, ext?: string }} options */
  signalingCreate(options) { return this.#call('signalingCreate', options); }

  /** @param {{ channelId: string }} options */
  signalingDelay(options) { return this.#call('signalingDelay', options); }

  /** @param {{ channelId: string, offlineEnabled?: boolean, ext?: string }} options */
  signalingClose(options) { return this.#call('signalingClose', options); }

  /** @param {{ channelId: string, uid?: number | string, offlineEnabled?: boolean, attachExt?: string }} options */
  signalingJoin(options) { return this.#call('signalingJoin', options); }

  /** @param {{ channelId: string, offlineEnabled?: boolean, attachExt?: string }} options */
  signalingLeave(options) { return this.#call('signalingLeave', options); }

  /** @param {{ type: number, channelName?: string, ext?: string, uid?: number | string, attachExt?: string }} options */
  signalingCreateAndJoin(options) { return this.#call('signalingCreateAndJoin', options); }

  /** @param {{ channelName: string }} options */
  signalingGetChannelInfo(options) { return this.#call('signalingGetChannelInfo', options); }

  /** @param {{ channelId: string, account: string, requestId: string, offlineEnabled?: boolean, attachExt?: string, pushInfo?: object }} options */
  signalingInvite(options) { return this.#call('signalingInvite', options); }

  /** @param {{ channelId: string, account: string, requestId: string, offlineEnabled?: boolean, attachExt?: string }} options */
  signalingCancel(options) { return this.#call('signalingCancel', options); }

  /** @param {{ channelId: string, account: string, requestId: string, offlineEnabled?: boolean, attachExt?: string }} options */
  signalingReject(options) { return this.#call('signalingReject', options); }

  /** @param {{ channelId: string, account: string, requestId: string, autoJoin?: boolean, uid?: number | string, joinAttachExt?: string, attachExt?: string }} options */
  signalingAccept(options) { return this.#call('signalingAccept', options); }

  /** @param {{ channelId: string, account: string, requestId: string, uid?: number | string, attachExt?: string, nertcChannelName?: string, nertcTokenTtl?: number }} options */
  signalingJoinAndAccept(options) { return this.#call('signalingJoinAndAccept', options); }

  /** @param {{ type: number, account: string, requestId: string, channelName?: string, uid?: number | string, offlineEnabled?: boolean, attachExt?: string, pushInfo?: object }} options */
  signalingCall(options) { return this.#call('signalingCall', options); }

  /** @param {{ type: number, account: string, requestId?: string, channelName?: string, uid?: number | string, offlineEnabled?: boolean, attachExt?: string, pushInfo?: object, nertcChannelName?: string, nertcTokenTtl?: number }} options */
  signalingCallEx(options) { return this.#call('signalingCallEx', options); }

  /** @param {{ channelId: string, account?: string, attachExt?: string }} options */
  signalingControl(options) { return this.#call('signalingControl', options); }

  /** Asks for what was missed offline; it arrives as signalingUnreadMessageSyncNotify. */
  signalingSync() { return this.#call('signalingSync', undefined); }

  /** @param {{ msgid: string | string[] }} options */
  signalingMarkMsgRead(options) { return this.#call('signalingMarkMsgRead', options); }

  /**
   * Resolves the answer's data — or, for the methods NIM answers with its request echoed (invite, cancel, reject, a
   * plain accept, control), the options — and rejects `{code, message}` with the SDK's symbolic message for the
   * signaling codes, for every code but 200 (10201 included, as the SDK does; the data comes along on the error).
   * @param {string} method @param {object | undefined} options @returns {Promise<any>}
   */
  async #call(method, options) {
    if (this.#destroyed) {
      throw { code: NETWORK, message: 'This NIM instance is destroyed: call NIM.getInstance again.' };
    }
    const { appKey, account, token, url } = this.#options;
    let answer;
    try {
      answer = await sendJson(this.#fetch, new URL(`nim/${method}`, url.endsWith('/') ? url : `${url}/`), {
        body: options ?? {},
        headers: { 'X-NIM-AppKey': appKey, 'X-NIM-Accid': account, 'X-NIM-Token': token, 'X-NIM-DeviceId': this.#deviceId },
      });
    } catch (error) {
      throw { code: NETWORK, message: /** @type {Error} */ (error).message };
    }
    const envelope = answer.body ?? { code: answer.status, message: `HTTP ${answer.status}` };
    const data = envelope.data ?? (options ? { ...options } : null);
    if (envelope.code !== 200) {
      throw { code: envelope.code, message: NAMES[envelope.code] ?? envelope.message ?? envelope.desc ?? '', ...(envelope.data === undefined ? {} : { data }) };
    }
    return data;
  }
}
