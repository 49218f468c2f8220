// A calling app written the way OpenIM's web demo uses the SDK: getSDK(), im.on(CbEvents.X, ({ data }) =>
// JSON.parse(data)), signalingInvite(RtcInvite) and answers with {opUserID, invitation}, hang-up with signalingHungUp.
// Only the import and login's `url` are the gateway's.
import { CbEvents, getSDK } from '@signaling-gateway/openim';
import { Recorder } from '../../../test-support/recorder.js';

export class CallApp {
  /** @param {{ url: string, WebSocket?: any, transport?: 'auto' | 'websocket' | 'sse', platformID?: number }} options */
  constructor(options) {
    this.options = options;
    this.im = getSDK();
    this.events = new Recorder();
    /** @type {any} The invitation ringing or connected, as the demo keeps it. */
    this.current = undefined;
    for (const event of Object.values(CbEvents)) {
      this.im.on(event, (response) => this.events.add(response.event, JSON.parse(response.data)));
    }
  }

  /** @param {string} userID @param {string} token */
  async login(userID, token) {
    this.userID = userID;
    this.events.who = userID;
    await this.im.login({ userID, token, platformID: 5, ...this.options });
  }

  /** The demo's RtcInvite. @param {string[]} invitees @param {{ groupID?: string, timeout?: number }} [options] */
  invitation(invitees, { groupID = '', timeout = 30 } = {}) {
    return { inviterUserID: /** @type {string} */ (this.userID), inviteeUserIDList: invitees, groupID, roomID: '', timeout, mediaType: 'video', sessionType: groupID ? 2 : 1, platformID: 5 };
  }

  /** @param {string} peer @param {number} [timeout] seconds */
  async call(peer, timeout = 30) {
    const invitation = this.invitation([peer], { timeout });
    const { roomID } = JSON.parse((await this.im.signalingInvite(invitation)).data);
    this.current = { ...invitation, roomID };
    return roomID;
  }

  /** @param {string} groupID @param {string[]} members */
  async groupCall(groupID, members) {
    const invitation = this.invitation(members, { groupID });
    const { roomID } = JSON.parse((await this.im.signalingInviteInGroup(invitation)).data);
    this.current = { ...invitation, roomID };
    return roomID;
  }

  /** @param {any} ring the OnReceiveNewInvitation data */
  accept(ring) {
    this.current = ring.invitation;
    return this.im.signalingAccept({ opUserID: /** @type {string} */ (this.userID), invitation: ring.invitation });
  }

  /** @param {any} ring */
  reject(ring) {
    return this.im.signalingReject({ opUserID: /** @type {string} */ (this.userID), invitation: ring.invitation });
  }

  cancel() {
    return this.im.signalingCancel({ opUserID: /** @type {string} */ (this.userID), invitation: this.current });
  }

  hangup() {
    return this.im.signalingHungUp({ opUserID: /** @type {string} */ (this.userID), invitation: this.current });
  }

  /** @param {string} event a CbEvents value @param {(data: any) => boolean} [match] */
  next(event, match = () => true, timeoutMs = 5000) {
    return this.events.next(event, match, timeoutMs);
  }
}
