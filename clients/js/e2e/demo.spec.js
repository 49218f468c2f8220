// The demo call page in a real browser (the system Chromium) against the real gateway: two people in two browser
// contexts call each other; a dropped connection and a gateway restart lose no event (issue 14, item 3).
import { expect, test } from '@playwright/test';
import { Gateway, unique } from '../test-support/gateway.js';

const adminKey = 'browser-tests-admin-key-0123';

/** @type {Gateway} */
let gateway;

test.beforeAll(async () => {
  gateway = await Gateway.start({ Admin__ApiKey: adminKey });
});

test.afterAll(async () => {
  await gateway?.stop();
});

/**
 * A person in their own browser context, signed in on the demo page.
 * @param {import('@playwright/test').Browser} browser
 * @param {string} name
 * @param {string} [surface] the canonical client (v1) or a vendor SDK package
 */
async function person(browser, name, surface = 'v1') {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${gateway.url}/demo/`);
  await page.getByLabel('Your name').fill(name);
  await page.getByLabel('Surface').selectOption(surface);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.locator('#connection')).toHaveText(/Connected/);
  await expect(page.locator('#me')).toHaveText(surface === 'v1' ? name : `${name} on ${surface}`);
  return { name, page, context, state: page.locator('#call-state') };
}

/**
 * @param {{ page: import('@playwright/test').Page }} caller
 * @param {string} callee
 * @param {number} [timeoutSeconds]
 */
async function call(caller, callee, timeoutSeconds = 30) {
  await caller.page.getByLabel('Who to call').fill(callee);
  await caller.page.getByLabel('ringing for').fill(String(timeoutSeconds));
  await caller.page.getByRole('button', { name: 'Call', exact: true }).click();
}

/** Each event's sequence appears once in the page's log. @param {import('@playwright/test').Page} page */
async function expectNoDuplicateEvents(page) {
  const sequences = await page.locator('#log li').evaluateAll((items) => items.map((item) => /** @type {HTMLElement} */ (item).dataset.sequence));
  expect(new Set(sequences).size).toBe(sequences.length);
}

test('invite, ring with a countdown, accept, hang up', async ({ browser }, testInfo) => {
  const alice = await person(browser, unique('alice'));
  const bob = await person(browser, unique('bob'));
  await expect(alice.page.locator('#online')).toContainText(bob.name);

  await call(alice, bob.name);

  await expect(bob.state).toHaveText(`${alice.name} is calling you`);
  await expect(alice.state).toHaveText(`Calling ${bob.name}…`);
  await expect(bob.page.locator('#countdown')).toHaveText(/Ringing: (30|29|28|27) s left/);
  await bob.page.getByRole('button', { name: 'Accept' }).click();
  await expect(alice.state).toHaveText(`In a call with ${bob.name}`);
  await expect(bob.state).toHaveText(`In a call with ${alice.name}`);
  await bob.page.screenshot({ path: testInfo.outputPath('demo-mid-call.png'), fullPage: true });
  await testInfo.attach('demo mid-call', { path: testInfo.outputPath('demo-mid-call.png'), contentType: 'image/png' });

  await alice.page.getByRole('button', { name: 'Hang up' }).click();
  await expect(bob.state).toHaveText('Call ended');
  await expect(alice.state).toHaveText('Call ended');
  await expect(bob.page.locator('#log li[data-kind=callEnded]')).toHaveCount(1);
  await expectNoDuplicateEvents(bob.page);
});

test('each tab chooses its surface: a TSignaling tab calls a NetEase tab, which rejects; the NetEase tab calls back, is answered, and hung up on', async ({ browser }) => {
  const alice = await person(browser, unique('alice'), 'tencent');
  const bob = await person(browser, unique('bob'), 'nim');

  await call(alice, bob.name);
  await expect(bob.state).toHaveText(`${alice.name} is calling you`);
  await expect(alice.state).toHaveText(`Calling ${bob.name}…`);
  await bob.page.getByRole('button', { name: 'Reject' }).click();
  await expect(bob.state).toHaveText('You rejected the call');
  await expect(alice.state).toHaveText(`${bob.name} rejected the call`);

  await call(bob, alice.name);
  await expect(alice.state).toHaveText(`${bob.name} is calling you`);
  await alice.page.getByRole('button', { name: 'Accept' }).click();
  await expect(bob.state).toHaveText(`In a call with ${alice.name}`);
  await expect(alice.state).toHaveText(`In a call with ${bob.name}`);
  await expect(bob.page.locator('#log li[data-kind="ACCEPT"]')).toHaveCount(1); // the NetEase tab heard NIM's own event

  await alice.page.getByRole('button', { name: 'Hang up' }).click(); // TUICallKit's hang-up invite
  await expect(alice.state).toHaveText('Call ended');
  await expect(bob.state).toHaveText(`${alice.name} hung up`);
  await expect(bob.page.locator('#log li[data-kind="INVITE"]')).toHaveCount(1); // alice's first call only: the hang-up rings nobody
});

test('an Agora 1.x tab calls an OpenIM tab, which rejects; then the OpenIM tab calls a canonical tab, which accepts', async ({ browser }) => {
  const carol = await person(browser, unique('carol'), 'agora');
  const dave = await person(browser, unique('dave'), 'openim');
  const erin = await person(browser, unique('erin'));

  await call(carol, dave.name);
  await expect(dave.state).toHaveText(`${carol.name} is calling you`);
  await dave.page.getByRole('button', { name: 'Reject' }).click();
  await expect(dave.state).toHaveText('You rejected the call');
  await expect(carol.state).toHaveText(`${dave.name} rejected the call`);

  await call(dave, erin.name);
  await expect(erin.state).toHaveText(`${dave.name} is calling you`);
  await erin.page.getByRole('button', { name: 'Accept' }).click();
  await expect(dave.state).toHaveText(`In a call with ${erin.name}`);
  await erin.page.getByRole('button', { name: 'Hang up' }).click();
  await expect(dave.state).toHaveText(`${erin.name} hung up`);
});

test('cancel and reject', async ({ browser }) => {
  const alice = await person(browser, unique('alice'));
  const bob = await person(browser, unique('bob'));

  await call(alice, bob.name);
  await expect(bob.state).toHaveText(`${alice.name} is calling you`);
  await alice.page.getByRole('button', { name: 'Cancel' }).click();
  await expect(bob.state).toHaveText(`${alice.name} cancelled the call`);
  await expect(alice.state).toHaveText('You cancelled the call');

  await call(alice, bob.name);
  await expect(bob.state).toHaveText(`${alice.name} is calling you`);
  await bob.page.getByRole('button', { name: 'Reject' }).click();
  await expect(alice.state).toHaveText(`${bob.name} rejected the call`);
  await expect(bob.state).toHaveText('You rejected the call');
});

test('nobody answers: the server times the call out on both sides', async ({ browser }) => {
  const alice = await person(browser, unique('alice'));
  const bob = await person(browser, unique('bob'));

  await call(alice, bob.name, 2);

  await expect(bob.state).toHaveText(`${alice.name} is calling you`);
  await expect(bob.state).toHaveText(`Missed call from ${alice.name}`, { timeout: 6000 });
  await expect(alice.state).toHaveText(`${bob.name} did not answer`);
});

test('a dropped connection comes back and shows what happened meanwhile, once', async ({ browser }) => {
  const alice = await person(browser, unique('alice'));
  const bob = await person(browser, unique('bob'));
  const admin = { 'X-Admin-Key': adminKey };
  const online = await (await fetch(`${gateway.url}/admin/users?surface=v1`, { headers: admin })).json();
  const stream = online.items.find((/** @type {any} */ user) => user.userId === bob.name).streams[0].id;

  // Bob goes offline and his connection is cut (an operator removes the stream); he cannot reconnect while offline.
  await bob.context.setOffline(true);
  expect((await fetch(`${gateway.url}/admin/streams/${stream}`, { method: 'DELETE', headers: admin })).status).toBe(204);
  await expect(bob.page.locator('#connection')).toHaveText(/Reconnecting/);
  await call(alice, bob.name);
  await expect(alice.state).toHaveText(`Calling ${bob.name}…`);
  await bob.context.setOffline(false);

  await expect(bob.page.locator('#connection')).toHaveText(/Connected/, { timeout: 5000 });
  await expect(bob.state).toHaveText(`${alice.name} is calling you`);
  await expect(bob.page.locator('#log li[data-kind=invitationReceived]')).toHaveCount(1);
  await expectNoDuplicateEvents(bob.page);
});

test('a gateway restart mid-call: both tabs are right again within 3 s, with no event lost or repeated', async ({ browser }) => {
  const alice = await person(browser, unique('alice'));
  const bob = await person(browser, unique('bob'));
  await call(alice, bob.name);
  await bob.page.getByRole('button', { name: 'Accept' }).click();
  await expect(alice.state).toHaveText(`In a call with ${bob.name}`);

  await gateway.kill();
  await expect(alice.page.locator('#connection')).toHaveText(/Reconnecting/);
  await gateway.restart();
  const back = Date.now();

  await expect(alice.page.locator('#connection')).toHaveText(/Connected/, { timeout: 3000 });
  await expect(bob.page.locator('#connection')).toHaveText(/Connected/, { timeout: Math.max(1, 3000 - (Date.now() - back)) });
  await expect(alice.state).toHaveText(`In a call with ${bob.name}`);
  await expect(bob.state).toHaveText(`In a call with ${alice.name}`);

  await bob.page.getByRole('button', { name: 'Hang up' }).click();
  await expect(alice.state).toHaveText('Call ended');
  await expect(alice.page.locator('#log li[data-kind=inviteeAccepted]')).toHaveCount(1);
  await expect(alice.page.locator('#log li[data-kind=callEnded]')).toHaveCount(1);
  await expectNoDuplicateEvents(alice.page);
  await expectNoDuplicateEvents(bob.page);
});
