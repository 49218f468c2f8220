// What a test app heard, in order, so a test can wait for an event that may already have happened. Browser-safe: the
// Node suites and the Chromium pages use the same apps.

export class Recorder {
  /** @param {string} who the app's user, for failure messages */
  constructor(who = '') {
    this.who = who;
    /** @type {{ name: string, data: any }[]} */
    this.heard = [];
  }

  /** @param {string} name @param {any} data */
  add(name, data) {
    this.heard.push({ name, data });
  }

  /**
   * Takes the first event of that name (and matching) heard so far, or waits for it.
   * @param {string} name @param {(data: any) => boolean} [match]
   */
  async next(name, match = () => true, timeoutMs = 5000) {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const index = this.heard.findIndex((e) => e.name === name && match(e.data));
      if (index >= 0) {
        return this.heard.splice(index, 1)[0].data;
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error(`${this.who}: no ${name} within ${timeoutMs} ms; heard ${this.heard.map((e) => e.name).join(', ') || 'nothing'}`);
  }
}
