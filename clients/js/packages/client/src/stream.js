import { SignalingError } from './errors.js';
import { readServerSentEvents } from './sse.js';

/**
 * @typedef {{ sequence: number, name: string, data: any }} StreamFrame
 * @typedef {'connecting' | 'open' | 'reconnecting' | 'closed'} StreamState
 * @typedef {{ state: StreamState, transport?: 'websocket' | 'sse', attempt?: number, error?: Error }} StreamStatus
 * @typedef {{ opened: boolean, status?: number, retryMs?: number, fallBack?: boolean }} Outcome
 */

/**
 * @typedef {object} EventStreamOptions
 * @property {string} baseUrl The gateway's address, such as `http://127.0.0.1:5080`.
 * @property {string} path The stream's path, such as `v1/events`.
 * @property {import('./tokens.js').TokenSource} tokens
 * @property {(token: string) => { headers?: Record<string, string>, query?: Record<string, string> }} sseCredentials
 * @property {(token: string) => Record<string, string>} webSocketCredentials Query parameters (browsers cannot set WebSocket headers).
 * @property {(text: string) => StreamFrame} parseWebSocket What one WebSocket text frame says.
 * @property {(frame: import('./sse.js').SseFrame) => StreamFrame} parseSse What one SSE frame says.
 * @property {() => Promise<number | undefined>} startingPoint Where to start when no `after` was given (undefined: where the server starts a stream without a cursor).
 * @property {(frame: StreamFrame) => void} onFrame
 * @property {(status: StreamStatus) => void} onStatus
 * @property {number} [after] Resume after this sequence.
 * @property {'auto' | 'websocket' | 'sse'} [transport] `auto` (default): WebSocket where there is one, else SSE.
 * @property {typeof WebSocket} [WebSocket] A WebSocket class for runtimes without one (Node 20: the `ws` package).
 * @property {typeof fetch} [fetch]
 * @property {{ initialMs?: number, maxMs?: number }} [backoff]
 */

/**
 * One logical event stream over many connections: it opens a WebSocket (or SSE over fetch), and whenever the
 * connection drops it reconnects with exponential backoff and jitter, resuming after the last sequence it delivered —
 * so no event is lost, and none is delivered twice. A refused token is replaced (through the token source) and the
 * stream goes on; a refusal that retrying cannot fix ends it with an error.
 */
export class EventStream {
  /** @param {EventStreamOptions} options */
  constructor(options) {
    this.#options = options;
    this.#after = options.after;
    this.#fetch = options.fetch ?? globalThis.fetch.bind(globalThis);
    const WebSocketClass = options.WebSocket ?? globalThis.WebSocket;
    this.#WebSocket = WebSocketClass;
    this.#transport = options.transport === 'sse' || !WebSocketClass ? 'sse' : 'websocket';
    if (options.transport === 'websocket' && !WebSocketClass) {
      throw new TypeError('transport "websocket" needs a WebSocket class (pass the `ws` package as WebSocket on Node 20).');
    }
  }

  /** @type {EventStreamOptions} */
  #options;
  /** @type {number | undefined} */
  #after;
  /** @type {typeof fetch} */
  #fetch;
  /** @type {typeof WebSocket | undefined} */
  #WebSocket;
  /** @type {'websocket' | 'sse'} */
  #transport;
  #closed = false;
  /** @type {() => void} */
  #abort = () => {};
  /** @type {() => void} */
  #wake = () => {};

  /** The last sequence delivered (the resume point). */
  get after() {
    return this.#after;
  }

  /** The transport in use. */
  get transport() {
    return this.#transport;
  }

  /**
   * Runs until closed or refused for good.
   * @returns {Promise<void>} settles when the stream has stopped: resolves when closed, rejects with the refusal.
   */
  async run() {
    const { tokens, backoff = {} } = this.#options;
    const initialMs = backoff.initialMs ?? 250;
    const maxMs = backoff.maxMs ?? 10_000;
    let failures = 0;
    try {
      this.#after ??= await this.#options.startingPoint();
      while (!this.#closed) {
        this.#status({ state: failures === 0 ? 'connecting' : 'reconnecting', transport: this.#transport, attempt: failures });
        const outcome = this.#transport === 'websocket' ? await this.#openWebSocket() : await this.#openSse();
        if (this.#closed) {
          break;
        }
        failures = outcome.opened ? 0 : failures + 1;
        if (outcome.fallBack) {
          this.#transport = 'sse'; // The WebSocket was refused on the way although the server takes the request.
          continue;
        }
        if (outcome.status === 401 && tokens.canRefresh) {
          await tokens.refresh();
          continue;
        }
        if (outcome.status !== undefined && outcome.status >= 400 && outcome.status < 500 && outcome.status !== 429) {
          throw new SignalingError(outcome.status === 401 ? 'Unauthenticated' : `Http${outcome.status}`, outcome.status,
            `The gateway refused the event stream (${outcome.status}).`);
        }
        const delay = outcome.retryMs ?? (outcome.opened ? initialMs : Math.min(maxMs, initialMs * 2 ** failures));
        this.#status({ state: 'reconnecting', transport: this.#transport, attempt: failures });
        await this.#sleep(delay * (0.5 + Math.random() / 2));
      }
    } catch (error) {
      if (!this.#closed) {
        this.#closed = true;
        this.#status({ state: 'closed', error: /** @type {Error} */ (error) });
        throw error;
      }
    }
    this.#status({ state: 'closed' });
  }

  /** Stops for good. */
  close() {
    this.#closed = true;
    this.#abort();
    this.#wake();
  }

  /** @param {StreamStatus} status */
  #status(status) {
    this.#options.onStatus(status);
  }

  /** @param {StreamFrame} frame */
  #deliver(frame) {
    if (this.#after !== undefined && frame.sequence <= this.#after) {
      return; // Already delivered before a reconnect.
    }
    this.#after = frame.sequence;
    this.#options.onFrame(frame);
  }

  /** @param {number} ms */
  #sleep(ms) {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.#wake = () => {
        clearTimeout(timer);
        resolve(undefined);
      };
    });
  }

  /**
   * @param {Record<string, string>} query
   * @param {{ scheme?: string, after?: boolean }} [options] `after: false` leaves the resume point to a header
   */
  #url(query, { scheme = '', after = true } = {}) {
    const base = this.#options.baseUrl.endsWith('/') ? this.#options.baseUrl : `${this.#options.baseUrl}/`;
    const url = new URL(this.#options.path.replace(/^\//, ''), base);
    for (const [name, value] of Object.entries(query)) {
      url.searchParams.set(name, value);
    }
    if (after && this.#after !== undefined) {
      url.searchParams.set('after', String(this.#after));
    }
    if (scheme) {
      url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    }
    return url.toString();
  }

  /** @returns {Promise<Outcome>} */
  async #openWebSocket() {
    const token = await this.#options.tokens.current();
    const WebSocketClass = /** @type {typeof WebSocket} */ (this.#WebSocket);
    return new Promise((resolve) => {
      let opened = false;
      const socket = new WebSocketClass(this.#url(this.#options.webSocketCredentials(token), { scheme: 'ws' }));
      this.#abort = () => socket.close(1000);
      socket.onopen = () => {
        opened = true;
        this.#status({ state: 'open', transport: 'websocket' });
      };
      socket.onmessage = (message) => this.#deliver(this.#options.parseWebSocket(String(message.data)));
      socket.onerror = () => {}; // onclose follows and says the rest.
      socket.onclose = async (event) => {
        if (opened || this.#closed) {
          // 1012: the node is restarting — come back in about a second, to whichever node answers.
          resolve({ opened, retryMs: event.code === 1012 ? 1000 : undefined });
          return;
        }
        // A browser does not say why a handshake failed: ask over plain HTTP.
        const status = await this.#probe(token);
        resolve({ opened, status: status === 200 ? undefined : status, fallBack: status === 200 });
      };
    });
  }

  /**
   * The status the stream's URL answers with these credentials (0 when unreachable); the connection is dropped as
   * soon as the headers are in.
   * @param {string} token
   */
  async #probe(token) {
    const controller = new AbortController();
    const credentials = this.#options.sseCredentials(token);
    try {
      const response = await this.#fetch(this.#url(credentials.query ?? {}), {
        headers: { Accept: 'text/event-stream', ...credentials.headers },
        signal: controller.signal,
      });
      return response.status;
    } catch {
      return 0;
    } finally {
      controller.abort();
    }
  }

  /** @returns {Promise<Outcome>} */
  async #openSse() {
    const token = await this.#options.tokens.current();
    const controller = new AbortController();
    this.#abort = () => controller.abort();
    const credentials = this.#options.sseCredentials(token);
    // Resume as EventSource does, with Last-Event-ID.
    /** @type {Record<string, string>} */
    const resume = this.#after === undefined ? {} : { 'Last-Event-ID': String(this.#after) };
    let response;
    try {
      response = await this.#fetch(this.#url(credentials.query ?? {}, { after: false }), {
        headers: { Accept: 'text/event-stream', ...credentials.headers, ...resume },
        signal: controller.signal,
        cache: 'no-store',
      });
    } catch {
      return { opened: false };
    }
    if (!response.ok || !response.body) {
      controller.abort();
      return { opened: false, status: response.status };
    }
    this.#status({ state: 'open', transport: 'sse' });
    /** @type {number | undefined} */
    let retryMs;
    try {
      await readServerSentEvents(response.body, (frame) => {
        if (frame.retry !== undefined) {
          retryMs = frame.retry;
        }
        if (frame.event === 'reconnect' || frame.event === 'removed' || frame.data === '') {
          return; // The server's goodbye (restart) or an operator's removal: the connection ends next.
        }
        this.#deliver(this.#options.parseSse(frame));
      });
    } catch {
      // The connection broke (or close() aborted it).
    }
    return { opened: true, retryMs };
  }
}
