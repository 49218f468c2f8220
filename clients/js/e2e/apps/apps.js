// One tab's calling app, on the SDK package the test picks: the same apps the Node suites drive (TUICallKit-style
// TSignaling, OpenIM web-demo-style, NetEase sample/NECallKit-style), plus an Agora 1.x app written as AgoraIO's web
// tutorial uses Signal (callbacks assigned on the session and on each call) and a canonical-client app. The test drives
// `window.app` and waits with `app.next(name)`; every event heard is also printed in the page.
import { connect } from '@signaling-gateway/client';
import { Signal } from '@signaling-gateway/agora-signaling';
import { CallApp as TencentApp } from '../../packages/tsignaling/test/call-app.js';
import { CallApp as OpenIMApp } from '../../packages/openim/test/call-app.js';
import { CallApp as NimApp } from '../../packages/nim/test/call-app.js';
import { Recorder } from '../../test-support/recorder.js';

/** Prints each event as it is recorded, for a failed test's trace. @param {Recorder} recorder */
function printed(recorder) {
  const add = recorder.add.bind(recorder);
  recorder.add = (name, data) => {
    add(name, data);
    document.getElementById('log').textContent += `${name} ${JSON.stringify(data)}\n`;
  };
  return recorder;
}

/** AgoraIO tutorial style: Signal(appId).login, callbacks assigned on the session and on every call. */
class AgoraApp {
  /** @param {string} appId */
  constructor(appId) {
    this.signal = Signal(appId, { url: location.origin });
    this.events = new Recorder();
    /** @type {Map<string, any>} calls by channel */
    this.calls = new Map();
  }

  /** @param {string} account @param {string} token */
  login(account, token) {
    this.account = account;
    this.events.who = account;
    this.session = this.signal.login(account, token);
    this.session.onInviteReceived = (/** @type {any} */ call) => {
      this.#watch(call);
      this.events.add('onInviteReceived', { channelName: call.channelName, peer: call.peer, extra: call.extra });
    };
    return new Promise((resolve, reject) => {
      this.session.onLoginSuccess = resolve;
      this.session.onLoginFailed = reject;
    });
  }

  /** @param {string} peer @param {string} [extra] */
  call(peer, extra = '{"type":"video"}') {
    const call = this.session.channelInviteUser2(`room-${Math.random().toString(36).slice(2, 8)}`, peer, extra);
    this.#watch(call);
    this.current = call;
    return call.channelName;
  }

  /** @param {{ channelName: string }} ring */
  accept(ring) {
    this.current = this.calls.get(ring.channelName);
    this.current.channelInviteAccept('{}');
  }

  /** @param {{ channelName: string }} ring @param {string} [extra] */
  reject(ring, extra = '{"reason":"declined"}') {
    this.calls.get(ring.channelName).channelInviteRefuse(extra);
  }

  /** Before an answer this cancels; after it, it hangs up (Agora 1.x has one call for both). */
  end() {
    this.current?.channelInviteEnd();
  }

  /** @param {string} name @param {(data: any) => boolean} [match] */
  next(name, match, timeoutMs = 5000) {
    return this.events.next(name, match, timeoutMs);
  }

  /** @param {any} call */
  #watch(call) {
    this.calls.set(call.channelName, call);
    for (const name of ['onInviteReceivedByPeer', 'onInviteAcceptedByPeer', 'onInviteRefusedByPeer', 'onInviteFailed', 'onInviteEndByPeer', 'onInviteEndByMyself']) {
      call[name] = (/** @type {string} */ extra) => this.events.add(name, { channelName: call.channelName, peer: call.peer, extra });
    }
  }
}

/** The canonical client, as its README's example uses it. */
class CanonicalApp {
  events = new Recorder();

  /** @param {string} user @param {string} token */
  async login(user, token) {
    this.events.who = user;
    this.client = await connect({ url: location.origin, token });
    for (const kind of ['invitationReceived', 'inviteeAccepted', 'inviteeRejected', 'invitationCancelled', 'invitationTimedOut', 'callEnded']) {
      this.client.on(/** @type {any} */ (kind), (/** @type {any} */ event) => this.events.add(kind, { invitationId: event.invitationId, actor: event.actor.userId }));
    }
  }

  /** @param {string} peer */
  async call(peer, timeoutSeconds = 30) {
    return (await this.client.invitations.create({ invitees: [peer], timeoutSeconds })).id;
  }

  /** @param {{ invitationId: string }} ring */
  accept(ring) {
    return this.client.invitations.accept(ring.invitationId);
  }

  /** @param {string} name @param {(data: any) => boolean} [match] */
  next(name, match, timeoutMs = 5000) {
    return this.events.next(name, match, timeoutMs);
  }
}

/**
 * Logs an app in, printing what it hears.
 * @template {{ events: Recorder, login(user: string, token: string): Promise<unknown> }} App
 * @param {App} app @param {string} user @param {string} token
 */
async function loggedIn(app, user, token) {
  printed(app.events);
  await app.login(user, token);
  return app;
}

const apps = {
  tencent: (/** @type {any} */ o) => loggedIn(new TencentApp({ SDKAppID: o.SDKAppID, url: location.origin }), o.userID, o.userSig),
  openim: (/** @type {any} */ o) => loggedIn(new OpenIMApp({ url: location.origin }), o.userID, o.token),
  nim: (/** @type {any} */ o) => loggedIn(new NimApp({ url: location.origin, appKey: o.appKey }), o.account, o.token),
  agora: (/** @type {any} */ o) => loggedIn(new AgoraApp(o.appId), o.account, o.token),
  canonical: (/** @type {any} */ o) => loggedIn(new CanonicalApp(), o.user, o.token),
};

/** @type {any} */ (window).start = async (/** @type {keyof typeof apps} */ vendor, /** @type {any} */ options) => {
  /** @type {any} */ (window).app = await apps[vendor](options);
};
/** @type {any} */ (window).ready = true;
