// Cross-vendor calls in Chromium (issue 15): each tab runs its calling app on one vendor's SDK package, and every side
// sees its own vendor's events — a TSignaling app and an Agora 1.x app call each other, and a canonical-client app calls
// each of them.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { agora, Gateway, signalingToken, tencent, token, unique, userSig } from '../test-support/gateway.js';

const root = fileURLToPath(new URL('../', import.meta.url));
/** @type {Gateway} */
let gateway;

test.beforeAll(async () => {
  gateway = await Gateway.start();
});
test.afterAll(async () => {
  await gateway.stop();
});

/**
 * A tab with the test apps, served on the gateway's origin (as an app's own bundle would be) from clients/js.
 * @param {import('@playwright/test').Browser} browser @param {'tencent' | 'agora' | 'canonical'} vendor @param {string} user
 */
async function tab(browser, vendor, user) {
  const page = await (await browser.newContext()).newPage();
  await page.route(`${gateway.url}/xv/**`, async (route) => {
    const file = path.join(root, new URL(route.request().url()).pathname.slice('/xv/'.length));
    await route.fulfill({ body: await readFile(file), contentType: file.endsWith('.html') ? 'text/html' : 'text/javascript' });
  });
  await page.goto(`${gateway.url}/xv/e2e/cross-vendor/index.html`);
  await page.waitForFunction(() => /** @type {any} */ (window).ready);
  const options = vendor === 'tencent' ? { SDKAppID: tencent.sdkAppId, userID: user, userSig: userSig(user) }
    : vendor === 'agora' ? { appId: agora.appId, account: user, token: signalingToken(user) }
    : { token: token(user) };
  await page.evaluate(([name, settings]) => /** @type {any} */ (window).start(name, settings), /** @type {const} */ ([vendor, options]));
  return page;
}

/** The first event of that name the tab's app saw. @param {import('@playwright/test').Page} page @param {string} name */
async function seen(page, name) {
  const handle = await page.waitForFunction((wanted) => /** @type {any} */ (window).seen.find((/** @type {any[]} */ e) => e[0] === wanted)?.[1], name, { timeout: 10_000 });
  return handle.jsonValue();
}

/** @param {import('@playwright/test').Page} page @param {string} peer */
const call = (page, peer) => page.evaluate((who) => /** @type {any} */ (window).app.call(who), peer);
/** @param {import('@playwright/test').Page} page @param {any} invitation */
const accept = (page, invitation) => page.evaluate((what) => /** @type {any} */ (window).app.accept(what), invitation);

test('a TSignaling app calls an Agora 1.x app, which answers; then the other way round', async ({ browser }) => {
  const [tencentUser, agoraUser] = [unique('tx'), unique('ag')];
  const tsignalingTab = await tab(browser, 'tencent', tencentUser);
  const agoraTab = await tab(browser, 'agora', agoraUser);

  const inviteID = await call(tsignalingTab, agoraUser);
  const ringing = await seen(agoraTab, 'onInviteReceived');
  expect(ringing.peer).toBe(tencentUser);
  expect(ringing.extra).toBe('{"call_type":2}');
  await accept(agoraTab, ringing);
  const accepted = await seen(tsignalingTab, 'ts_invitee_accepted');
  expect(accepted).toMatchObject({ inviteID, invitee: agoraUser, inviter: tencentUser });

  const channelName = await call(agoraTab, tencentUser);
  const received = await seen(tsignalingTab, 'ts_new_invitation_received');
  expect(received.inviter).toBe(agoraUser);
  await accept(tsignalingTab, received);
  const answered = await seen(agoraTab, 'onInviteAcceptedByPeer');
  expect(answered).toMatchObject({ channelName, peer: tencentUser });
});

test('a canonical-client app calls a TSignaling app and an Agora 1.x app', async ({ browser }) => {
  const [caller, tencentUser, agoraUser] = [unique('v1'), unique('tx'), unique('ag')];
  const canonicalTab = await tab(browser, 'canonical', caller);
  const tsignalingTab = await tab(browser, 'tencent', tencentUser);
  const agoraTab = await tab(browser, 'agora', agoraUser);

  const toTencent = await call(canonicalTab, tencentUser);
  const tencentRing = await seen(tsignalingTab, 'ts_new_invitation_received');
  expect(tencentRing).toMatchObject({ inviteID: toTencent, inviter: caller });
  await accept(tsignalingTab, tencentRing);
  expect(await seen(canonicalTab, 'inviteeAccepted')).toMatchObject({ invitationId: toTencent, actor: tencentUser });

  await call(canonicalTab, agoraUser);
  const agoraRing = await seen(agoraTab, 'onInviteReceived');
  expect(agoraRing.peer).toBe(caller);
  await accept(agoraTab, agoraRing);
  await expect.poll(() => canonicalTab.evaluate(() => /** @type {any} */ (window).seen.filter((/** @type {any[]} */ e) => e[0] === 'inviteeAccepted').length)).toBe(2);
});
