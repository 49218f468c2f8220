import { EventStream } from './stream.js';
import { TokenSource } from './tokens.js';

/**
 * @typedef {object} VendorStreamOptions
 * @property {string} url The gateway's address.
 * @property {string} path The surface's stream, such as `tencent/signaling/listener`.
 * @property {string} token The vendor credential the stream authenticates with.
 * @property {(token: string) => Record<string, string>} query The credential as the stream's query parameters.
 * @property {(frame: { name: string, data: any }) => void} onFrame
 * @property {'auto' | 'websocket' | 'sse'} [transport]
 * @property {typeof WebSocket} [WebSocket]
 * @property {typeof fetch} [fetch]
 */

/**
 * A vendor surface's callback stream for the vendor packages: frames are `{event, id, data}` (WebSocket) or SSE
 * `event:`/`id:`/`data:`, a stream without a cursor starts where the surface starts it (its catch-up), and it reconnects
 * and resumes like the canonical client's.
 * @param {VendorStreamOptions} options
 * @returns {{ stream: EventStream, opened: Promise<void> }} `opened` settles when the stream first opens, or is refused.
 */
export function openVendorStream({ url, path, token, query, onFrame, transport, WebSocket, fetch }) {
  /** @type {(value: void) => void} */
  let resolve = () => {};
  /** @type {(error: Error) => void} */
  let reject = () => {};
  const opened = new Promise((yes, no) => {
    resolve = yes;
    reject = no;
  });
  const stream = new EventStream({
    baseUrl: url,
    path,
    tokens: new TokenSource({ token }),
    transport,
    WebSocket,
    fetch,
    sseCredentials: (current) => ({ query: query(current) }),
    webSocketCredentials: query,
    parseWebSocket: (text) => {
      const frame = JSON.parse(text);
      return { sequence: Number(frame.id), name: frame.event, data: frame.data };
    },
    parseSse: (frame) => ({ sequence: Number(frame.id), name: frame.event, data: JSON.parse(frame.data) }),
    startingPoint: async () => undefined,
    onFrame: (frame) => onFrame({ name: frame.name, data: frame.data }),
    onStatus: (status) => {
      if (status.state === 'open') {
        resolve();
      }
    },
  });
  stream.run().catch((/** @type {Error} */ error) => reject(error));
  return { stream, opened };
}
