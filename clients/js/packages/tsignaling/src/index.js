import { Listeners, openVendorStream, sendJson } from '@signaling-gateway/client';

/** TSignaling's event names (audit T-3). */
const EVENT = Object.freeze({
  NEW_INVITATION_RECEIVED: 'ts_new_invitation_received',
  INVITEE_ACCEPTED: 'ts_invitee_accepted',
  INVITEE_REJECTED: 'ts_invitee_rejected',
  INVITATION_CANCELLED: 'ts_invitation_cancelled',
  INVITATION_TIMEOUT: 'ts_invitation_timeout',
});

/** The gateway's listener callbacks (V2TIMSignalingListener names) → TSignaling's events. */
const CALLBACKS = /** @type {Record<string, string>} */ ({
  onReceiveNewInvitation: EVENT.NEW_INVITATION_RECEIVED,
  onInviteeAccepted: EVENT.INVITEE_ACCEPTED,
  onInviteeRejected: EVENT.INVITEE_REJECTED,
  onInvitationCancelled: EVENT.INVITATION_CANCELLED,
  onInvitationTimeout: EVENT.INVITATION_TIMEOUT,
});

/**
 * @typedef {object} TSignalingOptions
 * @property {number} SDKAppID Your Tencent Cloud IM application, as the UserSigs you already mint name it.
 * @property {string} url The gateway's address, such as `https://gw.example.com` (the only option TSignaling does not have).
 * @property {typeof WebSocket} [WebSocket] For runtimes without a global WebSocket (Node 20: the `ws` package).
 * @property {'auto' | 'websocket' | 'sse'} [transport]
 * @property {typeof fetch} [fetch]
 */

/**
 * @typedef {{ inviteID: string, code: number, data: any }} TSignalingResult What a call resolves with (audit T-4).
 * @typedef {{ code: number, message: string }} TSignalingError What a call rejects with (audit T-4).
 * @typedef {{ title?: string, desc?: string, ext?: string, [key: string]: unknown }} OfflinePushInfo
 */

/**
 * Tencent's TSignaling, served by the gateway's `/tencent` surface: the same methods, promise results, errors and
 * events, so an app written against TSignaling changes its import and constructor options only.
 */
export default class TSignaling {
  static EVENT = EVENT;

  /** @param {TSignalingOptions} options */
  constructor(options) {
    if (!options?.url) {
      throw new TypeError('new TSignaling({ SDKAppID, url }) needs the gateway url.');
    }
    this.#options = options;
    this.#fetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  }

  /** @type {TSignalingOptions} */
  #options;
  /** @type {typeof fetch} */
  #fetch;
  #listeners = new Listeners();
  /** @type {{ userID: string, userSig: string } | undefined} */
  #user;
  /** @type {import('@signaling-gateway/client').EventStream | undefined} */
  #stream;

  /**
   * Logs in: from now on calls act as `userID`, and events arrive (including invitations still ringing from the last
   * few minutes, as the SDK syncs at login).
   * @param {{ userID: string, userSig: string }} credentials
   * @returns {Promise<{ code: number }>}
   */
  async login({ userID, userSig }) {
    this.#user = { userID, userSig };
    const { stream, opened } = openVendorStream({
      url: this.#options.url,
      path: 'tencent/signaling/listener',
      token: userSig,
      query: () => this.#credentials(),
      transport: this.#options.transport,
      WebSocket: this.#options.WebSocket,
      fetch: this.#options.fetch,
      onFrame: (frame) => {
        const name = CALLBACKS[frame.name];
        if (name) {
          this.#listeners.emit(name, { name, data: frame.data });
        }
      },
    });
    this.#stream = stream;
    try {
      await opened;
    } catch (error) {
      this.#user = undefined;
      throw { code: 70003, message: /** @type {Error} */ (error).message };
    }
    return { code: 0 };
  }

  /** @returns {Promise<{ code: number }>} */
  async logout() {
    this.#stream?.close();
    this.#stream = undefined;
    this.#user = undefined;
    return { code: 0 };
  }

  /**
   * @param {{ userID: string, data?: string, timeout?: number, offlinePushInfo?: OfflinePushInfo }} options
   * @returns {Promise<TSignalingResult>}
   */
  invite({ userID, data = '', timeout = 0, offlinePushInfo }) {
    // TSignaling's default timeout is 0: no timeout (audit T-8).
    return this.#call('invite', { userID, data, timeout, offlinePushInfo }, (inviteID) => inviteID);
  }

  /**
   * @param {{ groupID: string, inviteeList: string[], data?: string, timeout?: number, offlinePushInfo?: OfflinePushInfo }} options
   * @returns {Promise<TSignalingResult>}
   */
  inviteInGroup({ groupID, inviteeList, data = '', timeout = 0, offlinePushInfo }) {
    return this.#call('inviteInGroup', { groupID, inviteeList, data, timeout, offlinePushInfo }, (inviteID) => inviteID);
  }

  /** @param {{ inviteID: string, data?: string }} options @returns {Promise<TSignalingResult>} */
  cancel({ inviteID, data = '' }) {
    return this.#call('cancel', { inviteID, data }, () => inviteID);
  }

  /** @param {{ inviteID: string, data?: string }} options @returns {Promise<TSignalingResult>} */
  accept({ inviteID, data = '' }) {
    return this.#call('accept', { inviteID, data }, () => inviteID);
  }

  /** @param {{ inviteID: string, data?: string }} options @returns {Promise<TSignalingResult>} */
  reject({ inviteID, data = '' }) {
    return this.#call('reject', { inviteID, data }, () => inviteID);
  }

  /** @param {string} eventName one of TSignaling.EVENT @param {(event: { name: string, data: any }) => void} handler */
  on(eventName, handler) {
    this.#listeners.on(eventName, handler);
  }

  /** @param {string} eventName @param {(event: { name: string, data: any }) => void} [handler] */
  off(eventName, handler) {
    this.#listeners.off(eventName, handler);
  }

  #credentials() {
    const user = /** @type {{ userID: string, userSig: string }} */ (this.#user);
    return { sdkappid: String(this.#options.SDKAppID), identifier: user.userID, usersig: user.userSig };
  }

  /**
   * @param {string} method
   * @param {object} body
   * @param {(data: any) => string} inviteIdOf
   * @returns {Promise<TSignalingResult>}
   */
  async #call(method, body, inviteIdOf) {
    if (!this.#user) {
      throw { code: 6014, message: 'Not logged in: call login({ userID, userSig }) first.' }; // audit A.8: 6014
    }
    const url = new URL(`tencent/signaling/${method}?${new URLSearchParams(this.#credentials())}`, this.#options.url.endsWith('/') ? this.#options.url : `${this.#options.url}/`);
    let answer;
    try {
      answer = await sendJson(this.#fetch, url, { body });
    } catch (error) {
      throw { code: 7002, message: /** @type {Error} */ (error).message };
    }
    const envelope = answer.body ?? { code: 7002, desc: `HTTP ${answer.status}` };
    if (envelope.code !== 0) {
      throw { code: envelope.code, message: envelope.desc };
    }
    return { inviteID: inviteIdOf(envelope.data), code: 0, data: envelope.data };
  }
}

export { EVENT };
