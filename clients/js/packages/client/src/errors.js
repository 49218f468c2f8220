/**
 * A refusal from the gateway: the canonical error `code` (for example `InvitationNotFound`, `AlreadyAccepted`,
 * `Unauthenticated`), the HTTP status and the whole RFC 9457 problem.
 */
export class SignalingError extends Error {
  /**
   * @param {string} code
   * @param {number} status
   * @param {string} message
   * @param {Record<string, unknown>} [problem]
   */
  constructor(code, status, message, problem = {}) {
    super(message);
    this.name = 'SignalingError';
    /** The canonical error code, as in the problem's `code`. */
    this.code = code;
    /** The HTTP status (0 when the gateway could not be reached). */
    this.status = status;
    /** The problem document as the gateway sent it. */
    this.problem = problem;
  }

  /**
   * Reads a refused response's problem document (or makes one up when the body is not one).
   * @param {Response} response
   * @returns {Promise<SignalingError>}
   */
  static async from(response) {
    /** @type {Record<string, unknown>} */
    let problem = {};
    try {
      problem = await response.json();
    } catch {
      // Not JSON (a proxy's error page, say): the status is all there is.
    }
    const code = typeof problem.code === 'string' ? problem.code : `Http${response.status}`;
    const message = typeof problem.detail === 'string' ? problem.detail : `${response.status} ${response.statusText}`;
    return new SignalingError(code, response.status, message, problem);
  }
}
