// A calling app written the way NetEase's signaling web sample and NECallKit's SignalController use the SDK:
// NIM.getInstance with onconnect/ondisconnect, nim.on('signalingNotify') switching on eventType, signalingCallEx to
// call, signalingAccept/Reject/Cancel with {channelId, account, requestId, attachExt}, a busy line rejected with
// attachExt.reason 3, the caller's own timer cancelling with reason 2 (NIM has no timeout event), hang-up by closing the
// channel, and offline and multi-device events marked read. Only the import and the init's `url` are the gateway's.
import NIM from '@signaling-gateway/nim';
import { Recorder } from '../../../test-support/recorder.js';

/** @typedef {{ channelId: string, requestId: string, peer: string, incoming: boolean }} Call */

export class CallApp {
  /** @param {{ url: string, appKey: string, WebSocket?: any, transport?: 'auto' | 'websocket' | 'sse', deviceId?: string }} options */
  constructor(options) {
    this.options = options;
    this.events = new Recorder();
    /** @type {Call | undefined} The call ringing or connected, as SignalController keeps _channelInfo. */
    this.current = undefined;
    /** @type {ReturnType<typeof setTimeout> | undefined} */
    this.callTimer = undefined;
  }

  /** Logs in; resolves on onconnect, rejects on ondisconnect. @param {string} account @param {string} token */
  login(account, token) {
    this.account = account;
    this.events.who = account;
    return new Promise((resolve, reject) => {
      this.nim = NIM.getInstance({ ...this.options, account, token, onconnect: resolve, ondisconnect: reject });
      this.nim.on('signalingNotify', (/** @type {any} */ event) => this.#notify(event));
      this.nim.on('signalingMutilClientSyncNotify', async (/** @type {any} */ event) => {
        this.events.add('signalingMutilClientSyncNotify', event);
        await this.nim?.signalingMarkMsgRead({ msgid: [`${event.msgid}`] });
      });
      this.nim.on('signalingUnreadMessageSyncNotify', async (/** @type {any[]} */ events) => {
        this.events.add('signalingUnreadMessageSyncNotify', events);
        if (events.length > 0) {
          await this.nim?.signalingMarkMsgRead({ msgid: events.map((e) => `${e.msgid}`) });
        }
      });
      this.nim.on('signalingChannelsSyncNotify', (/** @type {any[]} */ channels) => this.events.add('signalingChannelsSyncNotify', channels));
    });
  }

  /** NECallKit's call: one signalingCallEx, then its own ringing timer. @param {string} peer @param {number} [timeoutMs] */
  async call(peer, timeoutMs = 30_000) {
    const requestId = `req-${Math.random().toString(36).slice(2, 10)}`;
    const info = await this.nim.signalingCallEx({
      type: 2, account: peer, requestId, offlineEnabled: true, attachExt: JSON.stringify({ callType: 2 }),
      pushInfo: { needPush: true, pushTitle: 'Incoming call', pushContent: `${this.account} is calling`, pushPayload: { callType: 2 }, needBadge: true },
    });
    this.current = { channelId: info.channelId, requestId, peer, incoming: false };
    this.callTimer = setTimeout(() => this.cancel(2).catch(() => {}), timeoutMs);
    return info;
  }

  /** A group call as the sample builds one: a channel, then an invite per member. @param {string[]} peers */
  async groupCall(peers) {
    const channel = await this.nim.signalingCreateAndJoin({ type: 2, attachExt: '' });
    const requestId = `req-${Math.random().toString(36).slice(2, 10)}`;
    for (const account of peers) {
      await this.nim.signalingInvite({ channelId: channel.channelId, account, requestId, offlineEnabled: true, attachExt: JSON.stringify({ callType: 2 }) });
    }
    return channel;
  }

  /** @param {any} invite the INVITE notification */
  async accept(invite) {
    clearTimeout(this.callTimer);
    this.current = { channelId: invite.channelId, requestId: invite.requestId, peer: invite.from, incoming: true };
    return this.nim.signalingAccept({
      channelId: invite.channelId, account: invite.from, requestId: invite.requestId, offlineEnabled: true, attachExt: JSON.stringify({ callType: 2 }),
      autoJoin: true, // joins the channel; a call placed from another surface has only a media room, and the accept alone answers it
    });
  }

  /** @param {any} invite @param {number} [reason] 3 is NECallKit's "busy" */
  reject(invite, reason = 1) {
    return this.nim.signalingReject({ channelId: invite.channelId, account: invite.from, requestId: invite.requestId, offlineEnabled: true, attachExt: JSON.stringify({ reason }) });
  }

  /** The caller gives up (reason 2: its timer ran out) and closes its channel. @param {number} [reason] */
  async cancel(reason = 1) {
    const call = this.current;
    if (!call) {
      return;
    }
    clearTimeout(this.callTimer);
    this.current = undefined;
    await this.nim.signalingCancel({ channelId: call.channelId, account: call.peer, requestId: call.requestId, offlineEnabled: true, attachExt: JSON.stringify({ reason }) });
    this.events.add('cancelled', { reason });
    await this.nim.signalingClose({ channelId: call.channelId, offlineEnabled: true });
  }

  /** NECallKit hangs up by closing the channel: the other side gets ROOM_CLOSE. */
  async hangup() {
    const call = this.current;
    this.current = undefined;
    if (call) {
      await this.nim.signalingClose({ channelId: call.channelId, offlineEnabled: true });
    }
  }

  /** Waits for a notification (eventType, or an event name). @param {string} name @param {(data: any) => boolean} [match] */
  next(name, match = () => true, timeoutMs = 5000) {
    return this.events.next(name, match, timeoutMs);
  }

  /** @param {any} event */
  #notify(event) {
    this.events.add(event.eventType, event);
    if (event.eventType === 'INVITE' && this.current && this.current.channelId !== event.channelId) {
      this.reject(event, 3).catch(() => {}); // SignalController: a call while not idle is rejected "busy".
    }
    if (event.eventType === 'ACCEPT' && this.current?.requestId === event.requestId) {
      clearTimeout(this.callTimer);
    }
    if (['REJECT', 'ROOM_CLOSE'].includes(event.eventType) && this.current?.channelId === event.channelId) {
      clearTimeout(this.callTimer);
      this.current = undefined;
    }
  }
}
