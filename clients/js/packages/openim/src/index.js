import { Listeners, openVendorStream, sendJson } from '@signaling-gateway/client';

/** OpenIM's signaling callback names (audit O-1: the JS `CbEvents` values are the Go core's PascalCase names). */
export const CbEvents = Object.freeze({
  ONRECEIVENEWINVITATION: 'OnReceiveNewInvitation',
  ONINVITEEACCEPTED: 'OnInviteeAccepted',
  ONINVITEEACCEPTEDBYOTHERDEVICE: 'OnInviteeAcceptedByOtherDevice',
  ONINVITEEREJECTED: 'OnInviteeRejected',
  ONINVITEEREJECTEDBYOTHERDEVICE: 'OnInviteeRejectedByOtherDevice',
  ONINVITATIONCANCELLED: 'OnInvitationCancelled',
  ONINVITATIONTIMEOUT: 'OnInvitationTimeout',
  ONHANGUP: 'OnHangUp',
  ONROOMPARTICIPANTCONNECTED: 'OnRoomParticipantConnected',
  ONROOMPARTICIPANTDISCONNECTED: 'OnRoomParticipantDisconnected',
});

/** @type {Set<string>} */
const callbacks = new Set(Object.values(CbEvents));

/**
 * @typedef {{ event: string, errCode: number, errMsg: string, data: string, operationID: string }} WsResponse
 *   What every call resolves or rejects with, and every callback receives: `data` is a JSON string, as the SDK gives it (audit O-7).
 * @typedef {{ inviterUserID: string, inviteeUserIDList: string[], groupID?: string, roomID?: string, timeout?: number,
 *   mediaType: string, sessionType: number, platformID: number, customData?: string }} RtcInvite
 * @typedef {{ opUserID: string, invitation: RtcInvite & { roomID: string } }} RtcActionParams
 * @typedef {{ userID: string, token: string, url: string, platformID?: number, WebSocket?: typeof WebSocket,
 *   transport?: 'auto' | 'websocket' | 'sse', fetch?: typeof fetch }} LoginConfig `url` is the gateway's address.
 */

/** A random operation id, as the SDK makes one per call. */
const operationId = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`;

/**
 * OpenIM's web SDK (v2.3) signaling members, served by the gateway's `/openim` surface: same method names, parameter
 * objects, WsResponse results and CbEvents callbacks.
 */
export class OpenIMSDK {
  #listeners = new Listeners();
  /** @type {LoginConfig | undefined} */
  #config;
  /** @type {import('@signaling-gateway/client').EventStream | undefined} */
  #stream;

  /** @param {string} event one of CbEvents @param {(data: WsResponse) => void} fn */
  on(event, fn) {
    this.#listeners.on(event, fn);
  }

  /** @param {string} event @param {(data: WsResponse) => void} [fn] */
  off(event, fn) {
    this.#listeners.off(event, fn);
  }

  /** Logs in with an OpenIM token; callbacks start. @param {LoginConfig} config @param {string} [operationID] @returns {Promise<WsResponse>} */
  async login(config, operationID = operationId()) {
    this.#config = config;
    const { stream, opened } = openVendorStream({
      url: config.url,
      path: 'openim/events',
      token: config.token,
      query: (token) => ({ token }),
      transport: config.transport,
      WebSocket: config.WebSocket,
      fetch: config.fetch,
      onFrame: (frame) => {
        if (callbacks.has(frame.name)) {
          this.#listeners.emit(frame.name, { event: frame.name, errCode: 0, errMsg: '', data: JSON.stringify(frame.data), operationID: '' });
        }
      },
    });
    this.#stream = stream;
    try {
      await opened;
    } catch (error) {
      this.#config = undefined;
      throw { event: 'Login', errCode: 1501, errMsg: /** @type {Error} */ (error).message, data: '', operationID };
    }
    return { event: 'Login', errCode: 0, errMsg: '', data: '', operationID };
  }

  /** @param {string} [operationID] @returns {Promise<WsResponse>} */
  async logout(operationID = operationId()) {
    this.#stream?.close();
    this.#stream = undefined;
    this.#config = undefined;
    return { event: 'Logout', errCode: 0, errMsg: '', data: '', operationID };
  }

  /** The JS SDK takes the invitation itself and wraps it (audit OpenIM "request shape"). @param {RtcInvite} data @param {string} [operationID] */
  signalingInvite(data, operationID) {
    return this.#call('signalingInvite', { invitation: data }, operationID);
  }

  /** @param {RtcInvite} data @param {string} [operationID] */
  signalingInviteInGroup(data, operationID) {
    return this.#call('signalingInviteInGroup', { invitation: data }, operationID);
  }

  /** @param {RtcActionParams} data @param {string} [operationID] */
  signalingAccept(data, operationID) {
    return this.#call('signalingAccept', data, operationID);
  }

  /** @param {RtcActionParams} data @param {string} [operationID] */
  signalingReject(data, operationID) {
    return this.#call('signalingReject', data, operationID);
  }

  /** @param {RtcActionParams} data @param {string} [operationID] */
  signalingCancel(data, operationID) {
    return this.#call('signalingCancel', data, operationID);
  }

  /** @param {RtcActionParams} data @param {string} [operationID] */
  signalingHungUp(data, operationID) {
    return this.#call('signalingHungUp', data, operationID);
  }

  /** @param {string} groupID @param {string} [operationID] */
  signalingGetRoomByGroupID(groupID, operationID) {
    return this.#call('signalingGetRoomByGroupID', { groupID }, operationID);
  }

  /** @param {string} roomID @param {string} [operationID] */
  signalingGetTokenByRoomID(roomID, operationID) {
    return this.#call('signalingGetTokenByRoomID', { roomID }, operationID);
  }

  /**
   * Resolves the WsResponse when errCode is 0 and rejects it otherwise, as the SDK does.
   * @param {string} method @param {object} body @param {string} [operationID] @returns {Promise<WsResponse>}
   */
  async #call(method, body, operationID = operationId()) {
    const config = this.#config;
    if (!config) {
      throw { event: method, errCode: 112, errMsg: 'Not logged in: call login() first.', data: '', operationID }; // The SDK's "not connected".
    }
    let answer;
    try {
      answer = await sendJson(config.fetch ?? globalThis.fetch.bind(globalThis), new URL(`openim/${method}`, config.url.endsWith('/') ? config.url : `${config.url}/`),
        { body, headers: { token: config.token, operationID } });
    } catch (error) {
      throw { event: method, errCode: 113, errMsg: /** @type {Error} */ (error).message, data: '', operationID }; // The SDK's "network error".
    }
    const envelope = answer.body ?? { errCode: answer.status, errMsg: `HTTP ${answer.status}` };
    const response = { event: method, errCode: envelope.errCode, errMsg: envelope.errMsg ?? '', data: envelope.data === undefined ? '' : JSON.stringify(envelope.data), operationID };
    if (response.errCode !== 0) {
      throw response;
    }
    return response;
  }
}

/** The SDK's factory. */
export const getSDK = () => new OpenIMSDK();
