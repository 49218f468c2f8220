/**
 * Handlers by event name, for the vendor packages' `on`/`off`: a handler that throws does not stop the others.
 */
export class Listeners {
  /** @type {Map<string, Set<(payload: any) => void>>} */
  #handlers = new Map();

  /** @param {string} name @param {(payload: any) => void} handler */
  on(name, handler) {
    const set = this.#handlers.get(name) ?? new Set();
    set.add(handler);
    this.#handlers.set(name, set);
  }

  /** @param {string} name @param {(payload: any) => void} [handler] all of the name's handlers when left out */
  off(name, handler) {
    if (handler) {
      this.#handlers.get(name)?.delete(handler);
    } else {
      this.#handlers.delete(name);
    }
  }

  /** @param {string} name @param {any} payload */
  emit(name, payload) {
    for (const handler of [...(this.#handlers.get(name) ?? [])]) {
      try {
        handler(payload);
      } catch (error) {
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  }
}
