/**
 * @typedef {{ id?: string, event: string, data: string, retry?: number }} SseFrame
 */

/**
 * Reads Server-Sent Events from a fetch body until it ends, calling `onFrame` for each complete frame.
 * Written against the text/event-stream rules (fields, comments, blank-line dispatch) because fetch, unlike
 * EventSource, can send an Authorization header and shows the status of a refusal.
 * @param {ReadableStream<Uint8Array>} body
 * @param {(frame: SseFrame) => void} onFrame
 */
export async function readServerSentEvents(body, onFrame) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  /** @type {SseFrame} */
  let frame = { event: 'message', data: '' };
  let hasData = false;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) {
      return;
    }
    buffer += decoder.decode(value, { stream: true });
    let end;
    while ((end = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, end).replace(/\r$/, '');
      buffer = buffer.slice(end + 1);
      if (line === '') {
        if (hasData || frame.retry !== undefined) {
          onFrame(frame);
        }
        frame = { event: 'message', data: '' };
        hasData = false;
        continue;
      }
      if (line.startsWith(':')) {
        continue; // A comment: the heartbeat.
      }
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const text = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'data') {
        frame.data = hasData ? `${frame.data}\n${text}` : text;
        hasData = true;
      } else if (field === 'event') {
        frame.event = text;
      } else if (field === 'id') {
        frame.id = text;
      } else if (field === 'retry' && /^\d+$/.test(text)) {
        frame.retry = Number(text);
      }
    }
  }
}
