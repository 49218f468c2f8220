// One tab's calling app, on the SDK the test picks: written as each vendor's samples use it (TSignaling handlers on
// TSignaling.EVENT, Agora callbacks assigned on the session and call objects, the canonical client's on()). Every event
// an app sees goes to window.seen, as [name, detail].
import { connect } from '@signaling-gateway/client';
import TSignaling from '@signaling-gateway/tsignaling';
import { Signal } from '@signaling-gateway/agora-signaling';

/** @type {[string, any][]} */
const seen = [];
const note = (/** @type {string} */ name, /** @type {any} */ detail) => {
  seen.push([name, detail]);
  document.getElementById('log').textContent += `${name} ${JSON.stringify(detail)}\n`;
};

const apps = {
  /** TUICallKit style: one TSignaling, handlers for every event. */
  async tencent(/** @type {{ SDKAppID: number, userID: string, userSig: string }} */ options) {
    const tsignaling = new TSignaling({ SDKAppID: options.SDKAppID, url: location.origin });
    for (const name of Object.values(TSignaling.EVENT)) {
      tsignaling.on(name, (/** @type {{ data: any }} */ event) => note(name, event.data));
    }
    await tsignaling.login({ userID: options.userID, userSig: options.userSig });
    return {
      call: async (/** @type {string} */ peer) => (await tsignaling.invite({ userID: peer, data: '{"call_type":2}', timeout: 30 })).inviteID,
      accept: async (/** @type {any} */ invitation) => tsignaling.accept({ inviteID: invitation.inviteID }),
    };
  },

  /** AgoraIO tutorial style: Signal(appId).login, callbacks assigned on the session and on each call. */
  async agora(/** @type {{ appId: string, account: string, token: string }} */ options) {
    const session = Signal(options.appId, { url: location.origin }).login(options.account, options.token);
    const watch = (/** @type {any} */ call) => {
      for (const name of ['onInviteReceivedByPeer', 'onInviteAcceptedByPeer', 'onInviteRefusedByPeer', 'onInviteFailed', 'onInviteEndByPeer']) {
        call[name] = (/** @type {string} */ extra) => note(name, { channelName: call.channelName, peer: call.peer, extra });
      }
    };
    /** @type {Map<string, any>} */
    const incoming = new Map();
    session.onInviteReceived = (/** @type {any} */ call) => {
      watch(call);
      incoming.set(call.peer, call);
      note('onInviteReceived', { channelName: call.channelName, peer: call.peer, extra: call.extra });
    };
    await new Promise((resolve, reject) => {
      session.onLoginSuccess = resolve;
      session.onLoginFailed = reject;
    });
    return {
      call: async (/** @type {string} */ peer) => {
        const call = session.channelInviteUser2(`room-${Math.random().toString(36).slice(2, 8)}`, peer, '{"type":"video"}');
        watch(call);
        return call.channelName;
      },
      accept: async (/** @type {any} */ invitation) => incoming.get(invitation.peer).channelInviteAccept('{}'),
    };
  },

  /** The canonical client. */
  async canonical(/** @type {{ token: string }} */ options) {
    const client = await connect({ url: location.origin, token: options.token });
    for (const kind of ['invitationReceived', 'inviteeAccepted', 'inviteeRejected', 'invitationCancelled', 'callEnded']) {
      client.on(/** @type {any} */ (kind), (/** @type {any} */ event) => note(kind, { invitationId: event.invitationId, actor: event.actor.userId }));
    }
    return {
      call: async (/** @type {string} */ peer) => (await client.invitations.create({ invitees: [peer], timeoutSeconds: 30 })).id,
      accept: async (/** @type {any} */ invitation) => client.invitations.accept(invitation.invitationId),
    };
  },
};

/** @type {any} */ (window).seen = seen;
/** @type {any} */ (window).start = async (/** @type {keyof typeof apps} */ vendor, /** @type {any} */ options) => {
  /** @type {any} */ (window).app = await apps[vendor](options);
};
/** @type {any} */ (window).ready = true;
