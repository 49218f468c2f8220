// The demo page's phone on a vendor surface: each one drives that vendor's SDK package the way the vendor's call kit
// does (TUICallKit's invite data and line_busy, OpenIM's RtcInvite, NECallKit's signalingCallEx and own ringing timer,
// Agora 1.x call objects), and tells the page what the call looks like now.
import TSignaling from '@signaling-gateway/tsignaling';
import { CbEvents, getSDK } from '@signaling-gateway/openim';
import NIM from '@signaling-gateway/nim';
import { Signal } from '@signaling-gateway/agora-signaling';

/**
 * @typedef {{ status: 'ringing' | 'connected' | 'ended', incoming: boolean, text: string }} CallView
 * @typedef {{ url: string, user: string, token: string, appId: string | null, show: (view: CallView) => void, log: (name: string, detail: any) => void }} PhoneOptions
 * @typedef {{ call(peer: string, timeoutSeconds: number): Promise<void>, accept(): Promise<void>, reject(): Promise<void>, cancel(): Promise<void>, hangUp(): Promise<void> }} Phone
 * @typedef {{ id?: string, peer: string, incoming: boolean, [key: string]: any }} Call
 */

/** The one call a phone has, and how the page shows it. */
class Line {
  /** @param {(view: CallView) => void} show */
  constructor(show) {
    this.show = show;
    /** @type {Call | undefined} */
    this.call = undefined;
    /** @type {CallView['status']} */
    this.status = 'ended';
  }

  /** Ringing or connected: a new call is answered busy. */
  get busy() {
    return this.status !== 'ended';
  }

  /** Whether an event is about this call; a call placed but not yet answered by the gateway has no id yet. @param {string | undefined} id */
  is(id) {
    return this.busy && (this.call?.id === id || this.call?.id === undefined);
  }

  /**
   * Places a call: the line rings out before the request returns, since the callee may answer before it does, and the
   * call learns its ids from the answer. A call that does not go through ends.
   * @param {Call} call @param {() => Promise<Partial<Call>>} send
   */
  async place(call, send) {
    this.ring(call);
    try {
      Object.assign(call, await send());
    } catch (error) {
      if (this.call === call) {
        this.end('The call did not go through');
      }
      throw error;
    }
  }

  /** @returns {Call} */
  get current() {
    if (!this.call) {
      throw new Error('There is no call.');
    }
    return this.call;
  }

  /** @param {Call} call */
  ring(call) {
    this.call = call;
    this.#set('ringing', call.incoming ? `${call.peer} is calling you` : `Calling ${call.peer}…`);
  }

  connect() {
    this.#set('connected', `In a call with ${this.current.peer}`);
  }

  /** @param {string} text */
  end(text) {
    this.#set('ended', text);
  }

  missed() {
    this.end(this.current.incoming ? `Missed call from ${this.current.peer}` : `${this.current.peer} did not answer`);
  }

  /** @param {CallView['status']} status @param {string} text */
  #set(status, text) {
    this.status = status;
    this.show({ status, incoming: this.call?.incoming ?? false, text });
  }
}

const random = () => Math.random().toString(36).slice(2, 10);

/** @type {Record<string, (options: PhoneOptions) => Promise<Phone>>} */
export const phones = {
  async tencent({ url, user, token, appId, show, log }) {
    const tsignaling = new TSignaling({ SDKAppID: Number(appId), url });
    const line = new Line(show);
    const { EVENT } = TSignaling;
    const data = (extra = {}) => JSON.stringify({ version: 4, businessID: 'av_call', call_type: 2, ...extra });
    for (const name of Object.values(EVENT)) {
      tsignaling.on(name, (/** @type {any} */ event) => log(name, event.data));
    }
    tsignaling.on(EVENT.NEW_INVITATION_RECEIVED, (/** @type {any} */ { data: e }) => {
      const payload = JSON.parse(e.data || '{}');
      if (payload.call_end !== undefined) {
        return line.busy && line.current.peer === e.inviter && line.end(`${e.inviter} hung up`);
      }
      if (line.busy) {
        return tsignaling.reject({ inviteID: e.inviteID, data: data({ line_busy: 'line_busy' }) }); // TUICallKit's busy line
      }
      line.ring({ id: e.inviteID, peer: e.inviter, incoming: true });
    });
    tsignaling.on(EVENT.INVITEE_ACCEPTED, (/** @type {any} */ { data: e }) => line.is(e.inviteID) && line.connect());
    tsignaling.on(EVENT.INVITEE_REJECTED, (/** @type {any} */ { data: e }) => line.is(e.inviteID) && line.end(`${e.invitee} rejected the call`));
    tsignaling.on(EVENT.INVITATION_CANCELLED, (/** @type {any} */ { data: e }) => line.is(e.inviteID) && line.end(`${e.inviter} cancelled the call`));
    tsignaling.on(EVENT.INVITATION_TIMEOUT, (/** @type {any} */ { data: e }) => line.is(e.inviteID) && line.missed());
    await tsignaling.login({ userID: user, userSig: token });
    return {
      async call(peer, timeout) {
        await line.place({ peer, incoming: false }, async () => ({ id: (await tsignaling.invite({ userID: peer, data: data(), timeout })).inviteID }));
      },
      async accept() {
        await tsignaling.accept({ inviteID: /** @type {string} */ (line.current.id), data: data() });
        line.connect();
      },
      async reject() {
        await tsignaling.reject({ inviteID: /** @type {string} */ (line.current.id), data: data() });
        line.end('You rejected the call');
      },
      async cancel() {
        await tsignaling.cancel({ inviteID: /** @type {string} */ (line.current.id), data: data() });
        line.end('You cancelled the call');
      },
      async hangUp() {
        // TSignaling has no hang-up: TUICallKit invites the peer with call_end, which the gateway ends the call on.
        await tsignaling.invite({ userID: line.current.peer, data: data({ call_end: 5, data: { cmd: 'hangup' } }), timeout: 0 });
        line.end('Call ended');
      },
    };
  },

  async openim({ url, user, token, show, log }) {
    const im = getSDK();
    const line = new Line(show);
    for (const name of Object.values(CbEvents)) {
      im.on(name, (response) => log(name, JSON.parse(response.data)));
    }
    /** @param {string} name @param {(e: any) => void} handler */
    const on = (name, handler) => im.on(name, (response) => handler(JSON.parse(response.data)));
    on(CbEvents.ONRECEIVENEWINVITATION, (e) => !line.busy && line.ring({ id: e.invitation.roomID, invitation: e.invitation, peer: e.invitation.inviterUserID, incoming: true }));
    on(CbEvents.ONINVITEEACCEPTED, (e) => line.is(e.invitation.roomID) && line.connect());
    on(CbEvents.ONINVITEEREJECTED, (e) => line.is(e.invitation.roomID) && line.end(`${e.opUserID} rejected the call`));
    on(CbEvents.ONINVITATIONCANCELLED, (e) => line.is(e.invitation.roomID) && line.end(`${e.opUserID} cancelled the call`));
    on(CbEvents.ONINVITATIONTIMEOUT, (e) => line.is(e.invitation.roomID) && line.missed());
    on(CbEvents.ONHANGUP, (e) => line.is(e.invitation.roomID) && line.end(`${e.opUserID} hung up`));
    await im.login({ userID: user, token, url, platformID: 5 });
    const answer = () => ({ opUserID: user, invitation: line.current.invitation });
    return {
      async call(peer, timeout) {
        const invitation = { inviterUserID: user, inviteeUserIDList: [peer], groupID: '', roomID: '', timeout, mediaType: 'video', sessionType: 1, platformID: 5 };
        await line.place({ peer, incoming: false }, async () => {
          const { roomID } = JSON.parse((await im.signalingInvite(invitation)).data);
          return { id: roomID, invitation: { ...invitation, roomID } };
        });
      },
      async accept() {
        await im.signalingAccept(answer());
        line.connect();
      },
      async reject() {
        await im.signalingReject(answer());
        line.end('You rejected the call');
      },
      async cancel() {
        await im.signalingCancel(answer());
        line.end('You cancelled the call');
      },
      async hangUp() {
        await im.signalingHungUp(answer());
        line.end('Call ended');
      },
    };
  },

  async nim({ url, user, token, appId, show, log }) {
    const line = new Line(show);
    /** @type {ReturnType<typeof setTimeout> | undefined} */
    let ringing;
    const nim = await new Promise((resolve, reject) => {
      const instance = NIM.getInstance({ appKey: String(appId), account: user, token, url, onconnect: () => resolve(instance), ondisconnect: reject });
    });
    /** @param {any} call */
    const invite = (call) => ({ channelId: call.channelId, account: call.peer, requestId: call.id, offlineEnabled: true });
    const give = async (/** @type {number} */ reason) => {
      clearTimeout(ringing);
      await nim.signalingCancel({ ...invite(line.current), attachExt: JSON.stringify({ reason }) });
      await nim.signalingClose({ channelId: line.current.channelId }).catch(() => {});
    };
    nim.on('signalingNotify', (/** @type {any} */ e) => {
      log(e.eventType, e);
      const mine = line.is(e.requestId);
      switch (e.eventType) {
        case 'INVITE':
          return line.busy
            ? nim.signalingReject({ channelId: e.channelId, account: e.from, requestId: e.requestId, attachExt: JSON.stringify({ reason: 3 }) }) // NECallKit's busy
            : line.ring({ id: e.requestId, channelId: e.channelId, peer: e.from, incoming: true });
        case 'ACCEPT':
          return mine && (clearTimeout(ringing), line.connect());
        case 'REJECT':
          return mine && (clearTimeout(ringing), line.end(`${e.from} rejected the call`));
        case 'CANCEL_INVITE':
          return mine && line.end(`${e.from} cancelled the call`);
        case 'ROOM_CLOSE':
        case 'LEAVE': // a call placed on another surface ends with LEAVE
          return line.busy && line.current.channelId === e.channelId && e.from !== user && line.end(`${e.from} hung up`);
        default:
          return undefined;
      }
    });
    return {
      async call(peer, timeout) {
        const id = `demo-${random()}`;
        await line.place({ id, peer, incoming: false }, async () => ({
          channelId: (await nim.signalingCallEx({ type: 2, account: peer, requestId: id, offlineEnabled: true, attachExt: '{"callType":2}' })).channelId,
        }));
        if (line.is(id) && line.status === 'ringing') {
          // NIM has no ringing timeout: NECallKit gives up on its own timer (reason 2).
          ringing = setTimeout(() => line.is(id) && line.status === 'ringing' && give(2).then(() => line.missed(), () => {}), timeout * 1000);
        }
      },
      async accept() {
        await nim.signalingAccept({ ...invite(line.current), autoJoin: true });
        line.connect();
      },
      async reject() {
        await nim.signalingReject(invite(line.current));
        line.end('You rejected the call');
      },
      async cancel() {
        await give(1);
        line.end('You cancelled the call');
      },
      async hangUp() {
        await nim.signalingClose({ channelId: line.current.channelId }).catch(() => {}); // NECallKit hangs up by closing the channel
        line.end('Call ended');
      },
    };
  },

  async agora({ url, user, token, appId, show, log }) {
    const line = new Line(show);
    const session = Signal(String(appId), { url }).login(user, token);
    /** @type {any} */
    let current;
    /** @param {any} call */
    const watch = (call) => {
      const mine = () => current === call && line.busy;
      call.onInviteAcceptedByPeer = () => mine() && line.connect();
      call.onInviteRefusedByPeer = () => mine() && line.end(`${call.peer} rejected the call`);
      call.onInviteFailed = () => mine() && line.missed();
      call.onInviteEndByPeer = () => mine() && line.end(line.status === 'connected' ? `${call.peer} hung up` : `${call.peer} cancelled the call`);
    };
    session.onInviteReceived = (/** @type {any} */ call) => {
      log('onInviteReceived', { channelName: call.channelName, peer: call.peer, extra: call.extra });
      if (line.busy) {
        return call.channelInviteRefuse('{"status":1}');
      }
      current = call;
      watch(call);
      line.ring({ id: call.channelName, peer: call.peer, incoming: true });
    };
    await new Promise((resolve, reject) => {
      session.onLoginSuccess = resolve;
      session.onLoginFailed = (/** @type {number} */ ecode) => reject(new Error(`Login failed (${ecode}).`));
    });
    return {
      async call(peer, timeout) {
        current = session.channelInviteUser2(`call-${random()}`, peer, JSON.stringify({ _timeout: timeout }));
        watch(current);
        line.ring({ id: current.channelName, peer, incoming: false });
      },
      async accept() {
        current.channelInviteAccept('');
        line.connect();
      },
      async reject() {
        current.channelInviteRefuse('');
        line.end('You rejected the call');
      },
      async cancel() {
        current.channelInviteEnd();
        line.end('You cancelled the call');
      },
      async hangUp() {
        current.channelInviteEnd();
        line.end('Call ended');
      },
    };
  },
};
