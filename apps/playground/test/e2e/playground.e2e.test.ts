import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_BASE_URL } from '@kyyvideo/contract';
import { startMockServer } from '@kyyvideo/mock/server';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROME_ARGS, CHROME_PATH, chromiumAvailability, MISSING_CHROMIUM } from './chromium.js';
import { buildAndPreview, PACKAGE_DIR, type PreviewedApp } from './preview-server.js';

/**
 * Long enough that the detail read right after the upload surely still sees Processing, short
 * enough that the wait's second poll (the client polls every 5 s, as documented) sees Active.
 */
const REVIEW_DELAY_MS = 1_500;
/** Upper bound for anything the page does, including one 5 s poll interval of the client. */
const STEP_TIMEOUT_MS = 20_000;
/** Stands in for a real key; it must never show up on the page, in a URL or the console. */
const SECRET_KEY = 'e2e-secret-key-7f3a9c1d5b';
const SCREENSHOT_DIR = join(PACKAGE_DIR, 'test-results');

const availability = chromiumAvailability();
if (availability === 'skip') console.log(MISSING_CHROMIUM);

if (availability === 'fail') {
  describe('e2e prerequisites', () => {
    it('finds Chromium (required in CI)', () => {
      throw new Error(MISSING_CHROMIUM.replace('e2e skipped', 'e2e cannot run'));
    });
  });
}

describe.runIf(availability === 'present')('playground in Chromium', () => {
  let app: PreviewedApp;
  let stand: Awaited<ReturnType<typeof startMockServer>>;
  let localServer: Awaited<ReturnType<typeof startMockServer>>;
  let context: BrowserContext;
  let userDataDir: string;
  const consoleLines: string[] = [];

  beforeAll(async () => {
    // Plays the real service behind the playground's proxy, and insists on one key.
    stand = await startMockServer({ port: 0, apiKey: SECRET_KEY, reviewDelayMs: REVIEW_DELAY_MS });
    localServer = await startMockServer({ port: 0, reviewDelayMs: REVIEW_DELAY_MS });
    app = await buildAndPreview({ realBaseUrl: stand.url });
    userDataDir = await mkdtemp(join(tmpdir(), 'kyy-playground-chromium-'));
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROME_PATH,
      headless: true,
      args: CHROME_ARGS,
      viewport: { width: 1360, height: 1000 },
    });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.url });
    await mkdir(SCREENSHOT_DIR, { recursive: true });
  });

  afterAll(async () => {
    await context?.close();
    await app?.close();
    await stand?.close();
    await localServer?.close();
    if (userDataDir) await rm(userDataDir, { recursive: true, force: true });
  });

  async function openPage(query = `?reviewDelayMs=${REVIEW_DELAY_MS}`): Promise<Page> {
    const page = await context.newPage();
    page.setDefaultTimeout(STEP_TIMEOUT_MS);
    page.on('console', (message) => consoleLines.push(message.text()));
    page.on('pageerror', (error) => consoleLines.push(`pageerror: ${error.message}`));
    await page.goto(`${app.url}/${query}`);
    await page.getByTestId('mock-state').filter({ hasText: 'In-browser mock ready.' }).waitFor();
    return page;
  }

  const shot = (page: Page, name: string) =>
    page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });

  /** The newest call card of an operation, once it has finished. */
  const finishedCall = async (page: Page, operation: string) => {
    const card = page.locator(`article[data-operation="${operation}"]`).first();
    await card.and(page.locator('article:not([data-state="running"])')).waitFor();
    return card;
  };

  async function upload(page: Page, url: string, name: string) {
    await page.getByLabel('File URL').fill(url);
    await page.getByLabel('Name (optional)').fill(name);
    await page.getByRole('button', { name: 'Upload', exact: true }).click();
    return finishedCall(page, 'upload');
  }

  it('uploads, sees Processing then Active, copies the ref, deletes, and then finds nothing', async () => {
    const page = await openPage();
    const uploadCard = await upload(page, 'https://example.com/cat.jpg', 'Cat Image');
    expect(await uploadCard.getAttribute('data-state')).toBe('ok');
    const ref = (await uploadCard.getByTestId('asset-ref').textContent()) ?? '';
    expect(ref).toMatch(/^asset:\/\/asset-\d{14}-[a-z0-9]{5}$/);
    const assetId = ref.slice('asset://'.length);
    expect(await uploadCard.getByTestId('http-status').textContent()).toMatch(/^HTTP 200/);
    expect(await uploadCard.locator('.envelope').textContent()).toContain(
      `"assetId": "${assetId}"`,
    );
    const curl = (await uploadCard.getByTestId('curl').textContent()) ?? '';
    expect(curl).toContain('curl -X POST');
    expect(curl).toContain('/kyyVideo2/asset/upload');
    expect(curl).toContain('Authorization: Bearer ${KYY_API_KEY:-');
    // The new asset is listed for this session and is now the panel's asset.
    await page
      .getByRole('region', { name: 'Assets created in this session' })
      .getByText(assetId)
      .waitFor();
    expect(await page.getByLabel('Asset id or asset:// reference').inputValue()).toBe(assetId);
    await shot(page, '01-uploaded');

    await page.getByRole('button', { name: 'Get detail' }).click();
    await page.getByTestId('detail').locator('[data-status="Processing"]').waitFor();
    await shot(page, '02-processing');

    await page.getByRole('button', { name: 'Wait until Active' }).click();
    await page.getByRole('button', { name: 'Stop waiting' }).waitFor();
    await page.getByTestId('detail').locator('[data-status="Active"]').waitFor();
    const waitCard = await finishedCall(page, 'wait');
    expect(await waitCard.getAttribute('data-state')).toBe('ok');
    expect(await waitCard.locator('.statuses').textContent()).toBe(
      'Statuses seen: Processing → Active',
    );
    await shot(page, '03-active');

    await page.getByTestId('detail').getByRole('button', { name: 'Copy ref' }).click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(ref);

    // Escape backs out of the confirmation without deleting anything.
    await page.getByRole('button', { name: 'Delete…' }).click();
    await page.getByRole('alertdialog').waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('alertdialog').waitFor({ state: 'detached' });
    expect(await page.locator('article[data-operation="delete"]').count()).toBe(0);

    await page.getByRole('button', { name: 'Delete…' }).click();
    const confirm = page.getByRole('alertdialog');
    expect(await confirm.textContent()).toContain(`Delete ${assetId}?`);
    // The safe choice has the focus, so an absent-minded Enter does not delete.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Cancel');
    await shot(page, '04-confirm-delete');
    await confirm.getByRole('button', { name: 'Yes, delete it' }).click();
    const deleteCard = await finishedCall(page, 'delete');
    expect(await deleteCard.getAttribute('data-state')).toBe('ok');
    expect(await deleteCard.locator('.envelope').textContent()).toContain('"code": "0"');

    await page.getByRole('button', { name: 'Get detail' }).click();
    await page.getByTestId('detail').locator('[data-status="Not found"]').waitFor();
    const getCard = await finishedCall(page, 'get');
    expect(await getCard.getAttribute('data-state')).toBe('error');
    expect(await getCard.locator('.error-title').textContent()).toBe('No asset has this id.');
    await shot(page, '05-not-found');
    await page.close();
  });

  it('shows a validation message before sending, and can be used by keyboard alone', async () => {
    const page = await openPage();
    await page.getByLabel('File URL').focus();
    await page.keyboard.type('example.com/cat.jpg');
    await page.keyboard.press('Enter');
    const message = page.locator('#upload-url-error');
    await message.waitFor();
    expect(await message.textContent()).toBe(
      'Give an absolute URL with scheme and host, like https://example.com/cat.jpg.',
    );
    expect(await page.getByLabel('File URL').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('article').count()).toBe(0);
    await shot(page, '06-validation');

    // Fixing the value and pressing Enter again sends it.
    await page.getByLabel('File URL').fill('https://example.com/cat.jpg');
    await page.keyboard.press('Enter');
    expect(await (await finishedCall(page, 'upload')).getAttribute('data-state')).toBe('ok');
    await page.close();
  });

  it('shows a mock fault as an error in plain words, then goes back to normal', async () => {
    const page = await openPage();
    await page.getByLabel('Mock fault for the next call').selectOption('server-error');
    const card = await upload(page, 'https://example.com/cat.jpg', 'Faulty');
    expect(await card.getAttribute('data-state')).toBe('error');
    expect(await card.getByTestId('http-status').textContent()).toMatch(/^HTTP 500/);
    // The client never resends an upload that may have arrived; the page says so.
    expect(await card.locator('.error-title').textContent()).toBe(
      'The upload may or may not have created an asset (the service answered HTTP 500).',
    );
    expect(await card.getByTestId('curl').textContent()).toContain(
      "-H 'X-Mock-Scenario: server-error'",
    );
    expect(await page.getByLabel('Mock fault for the next call').inputValue()).toBe('');
    await shot(page, '07-fault');

    await page.getByRole('button', { name: 'Upload', exact: true }).click();
    await page.locator('article[data-operation="upload"][data-state="ok"]').waitFor();
    await page.close();
  });

  it('calls the "real service" through the proxy with a key it never shows', async () => {
    const page = await openPage();
    await page.getByLabel('Real service').check();
    await page.getByLabel('File URL').fill('https://example.com/cat.jpg');
    await page.getByRole('button', { name: 'Upload', exact: true }).click();
    await page.getByText('Enter your API key to call the real service').waitFor();

    await page.getByLabel('API key').fill('wrong-key-0000');
    const refused = await upload(page, 'https://example.com/cat.jpg', 'Keyed');
    expect(await refused.locator('.error-title').textContent()).toBe('The API key was refused.');

    await page.getByLabel('API key').fill(SECRET_KEY);
    expect(await page.getByLabel('API key').getAttribute('type')).toBe('password');
    await page.getByRole('button', { name: 'Upload', exact: true }).click();
    await page.locator('article[data-operation="upload"][data-state="ok"]').waitFor();
    const card = page.locator('article[data-operation="upload"]').first();
    const curl = (await card.getByTestId('curl').textContent()) ?? '';
    expect(curl).toContain(`curl -X POST '${DEFAULT_BASE_URL}/kyyVideo2/asset/upload'`);
    expect(curl).toContain('-H "Authorization: Bearer $KYY_API_KEY"');
    await shot(page, '08-real-service');

    expect(await page.content()).not.toContain(SECRET_KEY);
    expect(page.url()).not.toContain(SECRET_KEY);
    expect(consoleLines.join('\n')).not.toContain(SECRET_KEY);

    // Back to the in-browser mock: it answers again.
    await page.getByLabel('In-browser mock').check();
    await page.getByTestId('mock-state').filter({ hasText: 'In-browser mock ready.' }).waitFor();
    await page.getByRole('button', { name: 'Upload', exact: true }).click();
    await page
      .locator('article[data-operation="upload"][data-state="ok"]')
      .filter({ hasText: 'In-browser mock' })
      .waitFor();
    await page.close();
  });

  it('talks to the local mock server across origins, scenario header included', async () => {
    const page = await openPage();
    await page.getByLabel('Local mock server').check();
    await page.getByLabel('Mock server base URL').fill(localServer.url);
    const card = await upload(page, 'https://example.com/cat.jpg', 'Local');
    expect(await card.getAttribute('data-state')).toBe('ok');
    const ref = (await card.getByTestId('asset-ref').textContent()) ?? '';
    expect(localServer.mock.store.get(ref.slice('asset://'.length))).toBeDefined();
    expect(await card.getByTestId('curl').textContent()).toContain(
      `curl -X POST '${localServer.url}/kyyVideo2/asset/upload'`,
    );

    await page.getByLabel('Mock fault for the next call').selectOption('bad-gateway');
    await page.getByRole('button', { name: 'Get detail' }).click();
    const failed = await finishedCall(page, 'get');
    expect(await failed.getAttribute('data-state')).toBe('error');
    // get() retries a 502, so every attempt is listed; the last one is open.
    expect(await failed.getByTestId('http-status').last().textContent()).toMatch(/^HTTP 502/);
    expect(
      await failed.locator('h4').filter({ hasText: 'Body (not JSON)' }).count(),
    ).toBeGreaterThan(0);
    expect(await failed.locator('.error-title').textContent()).toBe(
      'A gateway in front of the service could not get an answer from it (HTTP 502).',
    );
    await shot(page, '09-local-server-fault');
    await page.close();
  });
});
