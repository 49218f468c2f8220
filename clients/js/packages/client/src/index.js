import { HttpClient, segment } from './http.js';
import { EventStream } from './stream.js';
import { TokenSource } from './tokens.js';

export { SignalingError } from './errors.js';
export { EventStream } from './stream.js';
export { TokenSource } from './tokens.js';
export { sendJson } from './http.js';
export { Listeners } from './listeners.js';
export { openVendorStream } from './vendor-stream.js';

/**
 * Types generated from the gateway's committed OpenAPI document (openapi/v1.json): `npm run generate` refreshes them.
 * @typedef {import('./generated/v1.js').components['schemas']} Schemas
 * @typedef {Schemas['InvitationView']} Invitation
 * @typedef {Schemas['CreateInvitationBody']} InviteOptions
 * @typedef {Schemas['ChannelView']} Channel
 * @typedef {Schemas['CreateChannelBody']} CreateChannelOptions
 * @typedef {Schemas['MemberResponse']} Membership
 * @typedef {Schemas['ChannelMessageReceipt']} ChannelMessageReceipt
 * @typedef {Schemas['PeerMessageReceipt']} PeerMessageReceipt
 * @typedef {Schemas['Presence']} Presence
 * @typedef {Schemas['SignalingEvent']} SignalingEvent
 * @typedef {Schemas['EventKind']} EventKind
 * @typedef {import('./stream.js').StreamStatus} ConnectionStatus
 */

/**
 * @typedef {object} ConnectOptions
 * @property {string} url The gateway's address, such as `http://127.0.0.1:5080`.
 * @property {string} [token] A `/v1` token (HS256 JWT).
 * @property {() => string | Promise<string>} [getToken] Called for a token when there is none yet and whenever the gateway refuses the current one.
 * @property {number} [after] Resume after this event sequence (for example the last one your app stored); by default, from now.
 * @property {'auto' | 'websocket' | 'sse'} [transport] `auto` (default): WebSocket where the runtime has one, else Server-Sent Events.
 * @property {typeof WebSocket} [WebSocket] For runtimes without a global WebSocket (Node 20): for example the `ws` package.
 * @property {typeof fetch} [fetch]
 * @property {{ initialMs?: number, maxMs?: number }} [backoff] Reconnect delays (default 250 ms doubling up to 10 s, with jitter).
 */

/**
 * Connects to the gateway: opens your event stream and resolves once it is open. The stream reconnects by itself
 * and resumes where it left off, so every event arrives exactly once, in order.
 * @param {ConnectOptions} options
 * @returns {Promise<SignalingClient>}
 */
export async function connect(options) {
  const client = new SignalingClient(options);
  await client.opened;
  return client;
}

/** The canonical API (`/v1`) and your live events. Make one with {@link connect}. */
export class SignalingClient {
  /** @param {ConnectOptions} options */
  constructor(options) {
    const tokens = new TokenSource(options);
    this.#http = new HttpClient(options.url, tokens, options.fetch);
    /** @type {(value: void) => void} */
    let resolveOpened = () => {};
    /** @type {(error: Error) => void} */
    let rejectOpened = () => {};
    /** Settles when the stream first opens (or is refused for good). */
    this.opened = new Promise((resolve, reject) => {
      resolveOpened = resolve;
      rejectOpened = reject;
    });
    this.#stream = new EventStream({
      baseUrl: options.url,
      path: 'v1/events',
      tokens,
      after: options.after,
      transport: options.transport,
      WebSocket: options.WebSocket,
      fetch: options.fetch,
      backoff: options.backoff,
      sseCredentials: (token) => ({ headers: { Authorization: `Bearer ${token}` } }),
      webSocketCredentials: (token) => ({ access_token: token }),
      parseWebSocket: (text) => {
        const event = JSON.parse(text);
        return { sequence: event.sequence, name: event.kind, data: event };
      },
      parseSse: (frame) => ({ sequence: Number(frame.id), name: frame.event, data: JSON.parse(frame.data) }),
      startingPoint: async () => (await this.#http.request('GET', 'v1/events/cursor')).after,
      onFrame: (frame) => this.#emit(frame.name, frame.data),
      onStatus: (status) => {
        if (status.state === 'open') {
          resolveOpened();
        }
        this.#statusHandlers.forEach((handler) => handler(status));
      },
    });
    this.#running = this.#stream.run().catch((error) => {
      rejectOpened(error);
      throw error;
    });
    this.#running.catch(() => {}); // Reported through `opened`, `closed` and the status handlers.
  }

  /** @type {HttpClient} */
  #http;
  /** @type {EventStream} */
  #stream;
  /** @type {Promise<void>} */
  #running;
  /** @type {Map<string, Set<(event: SignalingEvent) => void>>} */
  #handlers = new Map();
  /** @type {Set<(status: ConnectionStatus) => void>} */
  #statusHandlers = new Set();

  /** The sequence of the last event delivered: store it to resume there with `connect({ after })`. */
  get lastSequence() {
    return this.#stream.after;
  }

  /** Settles when the stream stops: resolves after close(), rejects when the gateway refused it for good. */
  get closed() {
    return this.#running;
  }

  /**
   * Calls `handler` with every event of this kind (`'*'`: every event). Returns a function that stops it.
   * @param {EventKind | '*'} kind
   * @param {(event: SignalingEvent) => void} handler
   */
  on(kind, handler) {
    const handlers = this.#handlers.get(kind) ?? new Set();
    handlers.add(handler);
    this.#handlers.set(kind, handlers);
    return () => this.off(kind, handler);
  }

  /**
   * @param {EventKind | '*'} kind
   * @param {(event: SignalingEvent) => void} handler
   */
  off(kind, handler) {
    this.#handlers.get(kind)?.delete(handler);
  }

  /**
   * Calls `handler` whenever the connection changes: connecting, open, reconnecting (with the attempt), closed.
   * @param {(status: ConnectionStatus) => void} handler
   */
  onConnectionChange(handler) {
    this.#statusHandlers.add(handler);
    return () => this.#statusHandlers.delete(handler);
  }

  /** Closes the stream; calls already made still complete. */
  close() {
    this.#stream.close();
  }

  /**
   * @param {string} kind
   * @param {SignalingEvent} event
   */
  #emit(kind, event) {
    for (const handler of [...(this.#handlers.get(kind) ?? []), ...(this.#handlers.get('*') ?? [])]) {
      handler(event);
    }
  }

  /** Calls: invite, answer, cancel, hang up. */
  invitations = {
    /**
     * Rings one user (a 1:1 call) or several (a group call).
     * @param {InviteOptions} invitation
     * @returns {Promise<Invitation>}
     */
    create: (invitation) => this.#http.request('POST', 'v1/invitations', invitation),
    /** @param {string} id @returns {Promise<Invitation>} */
    get: (id) => this.#http.request('GET', `v1/invitations/${segment(id)}`),
    /** @param {string} id @param {string} [data] @returns {Promise<Invitation>} */
    accept: (id, data) => this.#http.request('POST', `v1/invitations/${segment(id)}/accept`, { data }),
    /** @param {string} id @param {string} [data] @returns {Promise<Invitation>} */
    reject: (id, data) => this.#http.request('POST', `v1/invitations/${segment(id)}/reject`, { data }),
    /** @param {string} id @param {string} [data] @returns {Promise<Invitation>} */
    cancel: (id, data) => this.#http.request('POST', `v1/invitations/${segment(id)}/cancel`, { data }),
    /** @param {string} id @param {string} data @returns {Promise<Invitation>} */
    modify: (id, data) => this.#http.request('POST', `v1/invitations/${segment(id)}/modify`, { data }),
    /** @param {string} id @param {string} [data] @returns {Promise<Invitation>} */
    hangUp: (id, data) => this.#http.request('POST', `v1/invitations/${segment(id)}/hangup`, { data }),
  };

  /** Channels: named places users join, with attributes and messages. */
  channels = {
    /** @param {CreateChannelOptions} channel @returns {Promise<Channel>} */
    create: (channel) => this.#http.request('POST', 'v1/channels', channel),
    /** @param {string} id @returns {Promise<Channel>} */
    get: (id) => this.#http.request('GET', `v1/channels/${segment(id)}`),
    /** @param {string} id @param {{ uid?: number, data?: string }} [options] @returns {Promise<Membership>} */
    join: (id, options = {}) => this.#http.request('POST', `v1/channels/${segment(id)}/join`, options),
    /** @param {string} id @param {string} [data] @returns {Promise<Membership>} */
    leave: (id, data) => this.#http.request('POST', `v1/channels/${segment(id)}/leave`, { data }),
    /** @param {string} id @param {string} [data] @returns {Promise<Channel>} */
    close: (id, data) => this.#http.request('POST', `v1/channels/${segment(id)}/close`, { data }),
    /** @param {string} id @param {string} name @param {string} value @returns {Promise<Channel>} */
    setAttribute: (id, name, value) => this.#http.request('PUT', `v1/channels/${segment(id)}/attributes/${segment(name)}`, { value }),
    /** @param {string} id @param {string} name @returns {Promise<Channel>} */
    deleteAttribute: (id, name) => this.#http.request('DELETE', `v1/channels/${segment(id)}/attributes/${segment(name)}`),
    /** @param {string} id @returns {Promise<Channel>} */
    clearAttributes: (id) => this.#http.request('DELETE', `v1/channels/${segment(id)}/attributes`),
    /** @param {string} id @param {string} message @returns {Promise<ChannelMessageReceipt>} */
    sendMessage: (id, message) => this.#http.request('POST', `v1/channels/${segment(id)}/messages`, { message }),
  };

  /** Users: messages, presence, attributes. */
  users = {
    /** @param {string} userId @param {string} message @returns {Promise<PeerMessageReceipt>} */
    sendMessage: (userId, message) => this.#http.request('POST', `v1/users/${segment(userId)}/messages`, { message }),
    /** @param {string} userId @returns {Promise<Presence>} */
    getPresence: (userId) => this.#http.request('GET', `v1/users/${segment(userId)}/presence`),
    /** @param {string} userId @returns {Promise<Record<string, string>>} */
    getAttributes: (userId) => this.#http.request('GET', `v1/users/${segment(userId)}/attributes`),
    /** Sets one of your own attributes. @param {string} userId your id @param {string} name @param {string} value @returns {Promise<Record<string, string>>} */
    setAttribute: (userId, name, value) =>
      this.#http.request('PUT', `v1/users/${segment(userId)}/attributes/${segment(name)}`, { value }),
    /** @param {string} userId your id @param {string} name @returns {Promise<Record<string, string>>} */
    deleteAttribute: (userId, name) => this.#http.request('DELETE', `v1/users/${segment(userId)}/attributes/${segment(name)}`),
  };
}
