import { SignalingError } from './errors.js';

/**
 * JSON requests to the gateway with the bearer token; a 401 fetches a fresh token (when it can) and retries once.
 */
export class HttpClient {
  /**
   * @param {string} baseUrl
   * @param {import('./tokens.js').TokenSource} tokens
   * @param {typeof fetch} [fetchImpl]
   */
  constructor(baseUrl, tokens, fetchImpl) {
    this.#base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
    this.#tokens = tokens;
    this.#fetch = fetchImpl ?? globalThis.fetch.bind(globalThis);
  }

  /** @type {string} */
  #base;
  /** @type {import('./tokens.js').TokenSource} */
  #tokens;
  /** @type {typeof fetch} */
  #fetch;

  /**
   * @param {string} method
   * @param {string} path Relative to the gateway's address, such as `v1/invitations`.
   * @param {unknown} [body]
   * @returns {Promise<any>} the parsed JSON answer (undefined for 204)
   */
  async request(method, path, body) {
    for (let attempt = 0; ; attempt++) {
      const token = await this.#tokens.current();
      /** @type {Record<string, string>} */
      const headers = { Accept: 'application/json', Authorization: `Bearer ${token}` };
      if (body !== undefined) {
        headers['Content-Type'] = 'application/json';
      }
      let response;
      try {
        response = await this.#fetch(new URL(path, this.#base), {
          method,
          headers,
          body: body === undefined ? undefined : JSON.stringify(body),
        });
      } catch (error) {
        throw new SignalingError('Unreachable', 0, `The gateway at ${this.#base} could not be reached: ${/** @type {Error} */ (error).message}`);
      }
      if (response.status === 401 && attempt === 0 && this.#tokens.canRefresh) {
        await this.#tokens.refresh();
        continue;
      }
      if (!response.ok) {
        throw await SignalingError.from(response);
      }
      return response.status === 204 ? undefined : response.json();
    }
  }
}

/**
 * One JSON request as the vendor surfaces take them (their own credentials, their own envelopes): the status and the
 * parsed body, whatever the status. The vendor packages build their SDK's results and errors from it.
 * @param {typeof fetch} fetchImpl
 * @param {string | URL} url
 * @param {{ method?: string, headers?: Record<string, string>, body?: unknown }} [request]
 * @returns {Promise<{ status: number, body: any }>}
 */
export async function sendJson(fetchImpl, url, { method = 'POST', headers = {}, body } = {}) {
  let response;
  try {
    response = await fetchImpl(url, {
      method,
      headers: { Accept: 'application/json', ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (error) {
    throw new SignalingError('Unreachable', 0, `The gateway at ${new URL(url).origin} could not be reached: ${/** @type {Error} */ (error).message}`);
  }
  const text = await response.text();
  let parsed;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  return { status: response.status, body: parsed };
}

/** @param {string} value */
export const segment = (value) => encodeURIComponent(value);
