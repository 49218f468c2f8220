// The demo call page: the canonical client over the gateway's /v1 API, or — as each tab chooses — a vendor's SDK
// package over that vendor's surface (phones.js). The packages are served beside this page.
import { SignalingClient } from '@signaling-gateway/client';
import { phones } from './phones.js';

/** @param {string} id */
const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));

/** @type {SignalingClient | undefined} */
let client;
/** @type {import('./phones.js').Phone | undefined} A vendor surface's phone, when the tab chose one. */
let phone;
let me = '';
let token = '';
/** @type {{ invitation: any, incoming: boolean } | undefined} */
let call;
/** @type {ReturnType<typeof setInterval> | undefined} */
let ticking;

$('signin-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const name = /** @type {HTMLInputElement} */ ($('name')).value.trim();
  const surface = /** @type {HTMLSelectElement} */ ($('surface')).value;
  (surface === 'v1' ? signIn(name) : signInOn(surface, name)).catch((error) => {
    $('signin-error').textContent = error.message ?? error.errMsg ?? `${error.code}`;
  });
});

$('call-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const callee = /** @type {HTMLInputElement} */ ($('callee')).value.trim();
  const timeoutSeconds = Number(/** @type {HTMLInputElement} */ ($('timeout')).value) || 30;
  act(async () => phone ? phone.call(callee, timeoutSeconds)
    : show(await requireClient().invitations.create({ invitees: [callee], mediaType: 'video', timeoutSeconds }), false));
});

$('accept').addEventListener('click', () => act(async () => phone ? phone.accept() : show(await requireClient().invitations.accept(call?.invitation.id), true)));
$('reject').addEventListener('click', () => act(async () => phone ? phone.reject() : show(await requireClient().invitations.reject(call?.invitation.id), true)));
$('cancel').addEventListener('click', () => act(async () => phone ? phone.cancel() : show(await requireClient().invitations.cancel(call?.invitation.id), false)));
$('hangup').addEventListener('click', () => act(async () => phone ? phone.hangUp()
  : show(await requireClient().invitations.hangUp(call?.invitation.id), call?.incoming ?? false)));

/**
 * Signs in on a vendor surface: the development endpoint gives what the vendor's app server would (its token for the
 * name, and the app id the SDK is initialised with), and the vendor's SDK package does the rest.
 * @param {string} surface @param {string} name
 */
async function signInOn(surface, name) {
  const response = await fetch('/demo/credentials', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ surface, userId: name }),
  });
  if (!response.ok) {
    throw new Error((await response.json().catch(() => ({}))).detail ?? `This gateway mints no ${surface} credentials (${response.status}); it does only in Development.`);
  }
  const { token: credential, appId } = await response.json();
  phone = await phones[surface]({
    url: location.origin, user: name, token: credential, appId, log: logVendor,
    show: (view) => render(view.status, view.text, buttonsFor(view.status, view.incoming, true)),
  });
  me = name;
  const connection = $('connection');
  connection.dataset.state = 'open';
  connection.textContent = `Connected (${surface})`;
  $('me').textContent = `${me} on ${surface}`;
  $('online-section').hidden = true; // the online list is a /v1 development endpoint
  $('signin').hidden = true;
  $('app').hidden = false;
  document.title = `${me} (${surface}) — Signaling Gateway demo`;
}

/** @param {string} name */
async function signIn(name) {
  const device = `tab-${crypto.randomUUID().slice(0, 8)}`;
  // The development endpoint mints tokens for any name; the client asks again whenever the gateway refuses one.
  const getToken = async () => {
    const response = await fetch('/v1/dev/tokens', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ userId: name, deviceId: device }),
    });
    if (!response.ok) {
      throw new Error((await response.json().catch(() => ({}))).detail ?? `The gateway refused a token (${response.status}).`);
    }
    token = (await response.json()).token;
    return token;
  };
  const minted = await fetch('/v1/dev/tokens', { method: 'OPTIONS' }).then((r) => r.status !== 404, () => false);
  const pasted = /** @type {HTMLInputElement} */ ($('token')).value.trim();
  if (!minted && !pasted) {
    // Outside Development the gateway mints no tokens for anyone: the page then takes one made by your own server.
    $('token-field').hidden = false;
    throw new Error('This gateway mints no development tokens: paste a /v1 token for your name.');
  }
  await (minted ? getToken() : Promise.resolve((token = pasted)));
  me = name;
  const credentials = minted ? { getToken } : { token };
  client = new SignalingClient({ url: location.origin, ...credentials, backoff: { initialMs: 200, maxMs: 1000 } });
  client.onConnectionChange(({ state, transport, attempt }) => {
    const connection = $('connection');
    connection.dataset.state = state;
    connection.textContent = state === 'open' ? `Connected (${transport})` : state === 'reconnecting' ? `Reconnecting… (attempt ${attempt})` : state;
    if (state === 'open' && call) {
      resync(); // Events resume where they left off; this only double-checks the screen.
    }
  });
  client.on('*', onEvent);
  await client.opened;
  $('me').textContent = me;
  $('signin').hidden = true;
  $('app').hidden = false;
  document.title = `${me} — Signaling Gateway demo`;
  refreshOnline();
  setInterval(refreshOnline, 2000);
}

function requireClient() {
  if (!client) {
    throw new Error('Sign in first.');
  }
  return client;
}

/** @param {() => Promise<void>} action */
async function act(action) {
  $('call-error').textContent = '';
  try {
    await action();
  } catch (error) {
    // Errors come in each surface's shape: {code, message}, or OpenIM's {errCode, errMsg}.
    const { code = /** @type {any} */ (error).errCode, message = /** @type {any} */ (error).errMsg } = /** @type {any} */ (error);
    $('call-error').textContent = code ? `${code}: ${message}` : message;
  }
}

/** @param {any} event */
function onEvent(event) {
  log(event);
  if (event.kind === 'invitationReceived' && (!call || call.invitation.status === 'ended')) {
    show(event.invitation, true);
  } else if (call && event.invitationId === call.invitation.id && event.invitation) {
    show(event.invitation, call.incoming);
  }
}

async function resync() {
  if (!call || !client) {
    return;
  }
  try {
    show(await client.invitations.get(call.invitation.id), call.incoming);
  } catch {
    // Shown again on the next event.
  }
}

/**
 * @param {any} invitation
 * @param {boolean} incoming
 */
function show(invitation, incoming) {
  call = { invitation, incoming };
  const other = incoming ? invitation.inviter.userId : invitation.invitees.map((/** @type {any} */ i) => i.userId).join(', ');
  const mine = invitation.invitees.find((/** @type {any} */ i) => i.userId === me);
  const text = invitation.status === 'ringing' ? (incoming && mine?.state === 'pending' ? `${other} is calling you` : `Calling ${other}…`)
    : invitation.status === 'connected' ? `In a call with ${other}`
    : ended(invitation, incoming, other);
  render(invitation.status, text, buttonsFor(invitation.status, incoming, mine?.state === 'pending'), invitation.status === 'ringing' ? invitation.expiresAt : undefined);
}

/**
 * Which actions a call offers: answering while it rings for you, cancelling while it rings for them, hanging up once connected.
 * @param {string} status @param {boolean} incoming @param {boolean} canAnswer
 */
function buttonsFor(status, incoming, canAnswer) {
  const ringing = status === 'ringing';
  return { accept: ringing && incoming && canAnswer, reject: ringing && incoming && canAnswer, cancel: ringing && !incoming, hangup: status === 'connected' };
}

/**
 * @param {string} status ringing, connected or ended
 * @param {string} text
 * @param {Record<string, boolean>} buttons
 * @param {string} [expiresAt] the server's deadline for an answer, when the surface tells it
 */
function render(status, text, buttons, expiresAt) {
  const state = $('call-state');
  state.textContent = text;
  for (const [id, visible] of Object.entries(buttons)) {
    $(id).hidden = !visible;
  }
  state.dataset.status = status;
  countDown(expiresAt);
}

/**
 * What an ended invitation comes to, from where this side stands.
 * @param {any} invitation
 * @param {boolean} incoming
 * @param {string} other
 */
function ended(invitation, incoming, other) {
  const states = invitation.invitees.map((/** @type {any} */ i) => i.state);
  if (states.includes('accepted')) {
    return 'Call ended';
  }
  if (states.includes('rejected')) {
    return incoming ? 'You rejected the call' : `${other} rejected the call`;
  }
  if (states.includes('timedOut')) {
    return incoming ? `Missed call from ${other}` : `${other} did not answer`;
  }
  return incoming ? `${other} cancelled the call` : 'You cancelled the call';
}

/** @param {string | undefined} expiresAt the server's deadline for an answer */
function countDown(expiresAt) {
  clearInterval(ticking);
  const countdown = $('countdown');
  if (!expiresAt) {
    countdown.textContent = '';
    return;
  }
  const tick = () => {
    const left = Math.max(0, Math.ceil((Date.parse(expiresAt) - Date.now()) / 1000));
    countdown.textContent = `Ringing: ${left} s left`;
  };
  tick();
  ticking = setInterval(tick, 250);
}

/** @param {any} event */
function log(event) {
  const entry = document.createElement('li');
  entry.dataset.sequence = String(event.sequence);
  entry.dataset.kind = event.kind;
  const about = event.invitationId ? ` ${event.invitationId.slice(0, 8)}` : '';
  entry.textContent = `#${event.sequence} ${new Date(event.time).toLocaleTimeString()} ${event.kind}${about} by ${event.actor.userId}`;
  $('log').prepend(entry);
}

/** A vendor event, as the vendor's SDK delivered it. @param {string} name @param {any} detail */
function logVendor(name, detail) {
  const entry = document.createElement('li');
  entry.dataset.kind = name;
  entry.textContent = `${new Date().toLocaleTimeString()} ${name} ${JSON.stringify(detail).slice(0, 160)}`;
  $('log').prepend(entry);
}

async function refreshOnline() {
  try {
    const response = await fetch('/v1/dev/online', { headers: { Authorization: `Bearer ${token}` } });
    if (!response.ok) {
      return;
    }
    const { users } = await response.json();
    const list = $('online');
    list.replaceChildren(...users.filter((/** @type {string} */ user) => user !== me).map((/** @type {string} */ user) => {
      const item = document.createElement('li');
      const button = document.createElement('button');
      button.textContent = 'Call';
      button.setAttribute('aria-label', `Call ${user}`);
      button.addEventListener('click', () => {
        /** @type {HTMLInputElement} */ ($('callee')).value = user;
        /** @type {HTMLFormElement} */ ($('call-form')).requestSubmit();
      });
      item.append(user, button);
      return item;
    }));
  } catch {
    // The gateway is away; the connection status says so.
  }
}
