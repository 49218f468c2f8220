// Tabs running one calling app each (e2e/apps), served on the gateway's origin as an app's own bundle would be.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { agora, Gateway, nim, openim, signalingToken, tencent, token, userSig } from '../test-support/gateway.js';

const root = fileURLToPath(new URL('../', import.meta.url));

/** @typedef {'tencent' | 'openim' | 'nim' | 'agora' | 'canonical'} Vendor */

/** The login each vendor's app takes, with credentials minted as the app's server would. @param {Vendor} vendor @param {string} user */
function credentials(vendor, user) {
  switch (vendor) {
    case 'tencent': return { SDKAppID: tencent.sdkAppId, userID: user, userSig: userSig(user) };
    case 'openim': return { userID: user, token: openim.token(user) };
    case 'nim': return { appKey: nim.appKey, account: user, token: nim.token(user) };
    case 'agora': return { appId: agora.appId, account: user, token: signalingToken(user) };
    default: return { user, token: token(user) };
  }
}

export class AppTab {
  /** @param {import('@playwright/test').Page} page @param {string} user */
  constructor(page, user) {
    this.page = page;
    this.user = user;
  }

  /**
   * Opens a tab whose app logs in as `user` on `vendor`'s package.
   * @param {import('@playwright/test').Browser} browser @param {Gateway} gateway @param {Vendor} vendor @param {string} user
   */
  static async open(browser, gateway, vendor, user) {
    const page = await (await browser.newContext()).newPage();
    await page.route(`${gateway.url}/xv/**`, async (route) => {
      const file = path.join(root, new URL(route.request().url()).pathname.slice('/xv/'.length));
      await route.fulfill({ body: await readFile(file), contentType: file.endsWith('.html') ? 'text/html' : 'text/javascript' });
    });
    await page.goto(`${gateway.url}/xv/e2e/apps/index.html`);
    await page.waitForFunction(() => /** @type {any} */ (window).ready);
    await page.evaluate(([name, settings]) => /** @type {any} */ (window).start(name, settings), /** @type {const} */ ([vendor, credentials(vendor, user)]));
    return new AppTab(page, user);
  }

  /** Calls one of the app's methods with plain arguments. @param {string} method @param {...any} args */
  do(method, ...args) {
    return this.page.evaluate(([name, values]) => /** @type {any} */ (window).app[name](...values), /** @type {const} */ ([method, args]));
  }

  /**
   * The next event of that name the app heard (waiting for it), optionally one whose fields equal `where`'s.
   * @param {string} name @param {Record<string, unknown>} [where]
   */
  next(name, where = {}, timeoutMs = 10_000) {
    return this.page.evaluate(([event, fields, ms]) => /** @type {any} */ (window).app.next(event,
      (/** @type {any} */ data) => Object.entries(fields).every(([key, value]) => data?.[key] === value), ms), /** @type {const} */ ([name, where, timeoutMs]));
  }
}
