// For Node test files: one real gateway per file, started before its tests and stopped after them.
import { after, before } from 'node:test';
import { Gateway } from './gateway.js';

/** Registers the file's gateway; call the result inside a test for it. @param {Record<string, string>} [settings] */
export function gatewayForSuite(settings) {
  /** @type {Gateway | undefined} */
  let gateway;
  before(async () => {
    gateway = await Gateway.start(settings);
  });
  after(async () => {
    await gateway?.stop();
  });
  return () => /** @type {Gateway} */ (gateway);
}
