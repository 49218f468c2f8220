/**
 * Holds the current token and fetches a fresh one, once at a time, when the server refuses the old one.
 */
export class TokenSource {
  /**
   * @param {{ token?: string, getToken?: () => string | Promise<string> }} options
   */
  constructor({ token, getToken }) {
    if (!token && !getToken) {
      throw new TypeError('connect() needs a token or a getToken function.');
    }
    this.#token = token;
    this.#getToken = getToken;
  }

  /** @type {string | undefined} */
  #token;

  /** @type {(() => string | Promise<string>) | undefined} */
  #getToken;

  /** @type {Promise<string> | undefined} */
  #refreshing;

  /** Whether a refused token can be replaced. */
  get canRefresh() {
    return this.#getToken !== undefined;
  }

  /** The token to use now (fetched first when none is held yet). */
  async current() {
    return this.#token ?? this.refresh();
  }

  /** A fresh token from getToken; concurrent callers share one fetch. */
  async refresh() {
    if (!this.#getToken) {
      throw new TypeError('No getToken function to refresh the token with.');
    }
    this.#refreshing ??= Promise.resolve(this.#getToken()).then(
      (token) => {
        this.#token = token;
        this.#refreshing = undefined;
        return token;
      },
      (error) => {
        this.#refreshing = undefined;
        throw error;
      });
    return this.#refreshing;
  }
}
