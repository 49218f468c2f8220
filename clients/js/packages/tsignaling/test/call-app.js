// A calling app written the way TUICallKit's TSignaling client uses the SDK (TUICalling/TRTCCalling): one TSignaling
// instance, handlers on TSignaling.EVENT, call type and hang-up carried in the invitation's data, a busy line answered
// with a `line_busy` reject. Only the import and the constructor options are the gateway's.
import TSignaling from '@signaling-gateway/tsignaling';
import { Recorder } from '../../../test-support/recorder.js';

export class CallApp {
  /** @param {{ url: string, SDKAppID: number, WebSocket?: any, transport?: 'auto' | 'websocket' | 'sse' }} options */
  constructor(options) {
    this.tsignaling = new TSignaling(options);
    this.events = new Recorder();
    /** @type {string | undefined} */
    this.callID = undefined; // The call in progress (answered or placed), as TRTCCalling keeps _currentCallID.
    for (const name of Object.values(TSignaling.EVENT)) {
      this.tsignaling.on(name, (/** @type {{ name: string, data: any }} */ event) => this.#handle(event));
    }
  }

  /** @param {string} userID @param {string} userSig */
  async login(userID, userSig) {
    this.userID = userID;
    this.events.who = userID;
    await this.tsignaling.login({ userID, userSig });
  }

  /** @param {string} userID @param {number} [timeout] */
  async call(userID, timeout = 30) {
    const { inviteID } = await this.tsignaling.invite({ userID, data: JSON.stringify({ version: 4, call_type: 2, room_id: 42 }), timeout });
    this.callID = inviteID;
    return inviteID;
  }

  /** @param {string} groupID @param {string[]} userIDList */
  async groupCall(groupID, userIDList) {
    const { inviteID } = await this.tsignaling.inviteInGroup({ groupID, inviteeList: userIDList, data: JSON.stringify({ version: 4, call_type: 1 }), timeout: 30 });
    this.callID = inviteID;
    return inviteID;
  }

  /** @param {string} inviteID */
  accept(inviteID) {
    this.callID = inviteID;
    return this.tsignaling.accept({ inviteID, data: JSON.stringify({ version: 4, call_type: 2 }) });
  }

  /** @param {string} inviteID */
  reject(inviteID) {
    return this.tsignaling.reject({ inviteID, data: JSON.stringify({ version: 4, call_type: 2 }) });
  }

  /** @param {string} inviteID */
  cancel(inviteID) {
    return this.tsignaling.cancel({ inviteID, data: JSON.stringify({ version: 4, call_type: 2 }) });
  }

  /** TRTCCalling hangs up a connected call by inviting the peer with `call_end` (TSignaling has no hang-up). @param {string} peer */
  async hangup(peer) {
    await this.tsignaling.invite({ userID: peer, data: JSON.stringify({ version: 4, businessID: 'av_call', call_type: 2, call_end: 5, data: { cmd: 'hangup' } }), timeout: 0 });
    this.callID = undefined;
  }

  /** Waits for an event (and a condition on its data). @param {string} name @param {(data: any) => boolean} [match] */
  next(name, match = () => true, timeoutMs = 5000) {
    return this.events.next(name, match, timeoutMs);
  }

  /** @param {{ name: string, data: any }} event */
  #handle(event) {
    this.events.add(event.name, event.data);
    const data = event.data.data ? JSON.parse(event.data.data) : {};
    // TRTCCalling: a call that was rejected, cancelled or timed out is over.
    if (event.name !== TSignaling.EVENT.NEW_INVITATION_RECEIVED && event.name !== TSignaling.EVENT.INVITEE_ACCEPTED && event.data.inviteID === this.callID) {
      this.callID = undefined;
    }
    // TRTCCalling: a new call while already in one is answered `line_busy` at once.
    if (event.name === TSignaling.EVENT.NEW_INVITATION_RECEIVED && !data.call_end && this.callID && this.callID !== event.data.inviteID) {
      this.tsignaling.reject({ inviteID: event.data.inviteID, data: JSON.stringify({ version: 4, call_type: 2, line_busy: 'line_busy' }) });
    }
  }
}
