import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_BASE_URL } from '@kyyvideo/contract';
import { startMockServer } from '@kyyvideo/mock/server';
import { type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROME_ARGS, CHROME_PATH, chromiumAvailability, MISSING_CHROMIUM } from './chromium.js';
import { buildAndPreview, PACKAGE_DIR, type PreviewedApp } from './preview-server.js';

/**
 * Holds Processing open long enough that the detail read right after the upload sees it even on a
 * busy machine; the wait (polls 1 s, 1.5 s, 2.25 s, … up to every 5 s) then sees Active.
 */
const REVIEW_DELAY_MS = 8_000;
/** A face review the test never lets end: it holds the transient "Stop waiting" state open. */
const HELD_REVIEW_DELAY_MS = 600_000;
/**
 * Video tasks on the in-browser mock: `processing` is held open six times the page's 1 s poll
 * interval, so the status line is sure to show it even when the browser is slowed down.
 */
const TASK_QUEUED_MS = 2_000;
const TASK_PROCESSING_MS = 6_000;
/** Upper bound for anything the page does (a whole review included) on a busy two-core machine. */
const STEP_TIMEOUT_MS = 60_000;
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

  /** Clicks a download link and reads what the browser saved. */
  async function downloadFrom(page: Page, link: Locator) {
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    const path = await download.path();
    return { filename: download.suggestedFilename(), bytes: await readFile(path) };
  }

  /** An MP4 starts with a box whose type, at offset 4, is `ftyp`. */
  const isMp4 = (bytes: Buffer) => bytes.subarray(4, 8).toString('latin1') === 'ftyp';

  /** Generates a video on the page's current target and waits until it completed. */
  async function generateVideo(page: Page, prompt: string) {
    const panel = videoPanel(page);
    await panel.getByLabel('Prompt').fill(prompt);
    await panel.getByRole('button', { name: 'Generate video' }).click();
    await panel.getByTestId('video-run').and(page.locator('[data-phase="completed"]')).waitFor();
    return panel;
  }

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

    // The wait may end before a step could see its "Stop waiting" button: that transient state is
    // checked in its own test, which holds it open.
    await page.getByRole('button', { name: 'Wait until Active' }).click();
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

  it('offers "Stop waiting" while a review runs, and stopping leaves the asset Processing', async () => {
    // A face in the name makes the in-browser mock use the face review delay, held open here.
    const page = await openPage(`?faceReviewDelayMs=${HELD_REVIEW_DELAY_MS}`);
    const uploadCard = await upload(page, 'https://example.com/portrait.jpg', 'portrait');
    expect(await uploadCard.getAttribute('data-state')).toBe('ok');
    await page.getByRole('button', { name: 'Wait until Active' }).click();
    await page.getByRole('button', { name: 'Stop waiting' }).click();
    const waitCard = await finishedCall(page, 'wait');
    expect(await waitCard.getAttribute('data-state')).toBe('error');
    expect(await waitCard.locator('.error-title').textContent()).toBe(
      'Stopped before it finished.',
    );
    await page.getByRole('button', { name: 'Wait until Active' }).waitFor();
    await page.getByTestId('detail').locator('[data-status="Processing"]').waitFor();
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

  it('at 1400×1000 shows uploading and generating on the first screen, each error by its form', async () => {
    const page = await openPage();
    await page.setViewportSize({ width: 1400, height: 1000 });
    const inView = async (name: string) => {
      const box = await page.getByRole('button', { name, exact: true }).boundingBox();
      return box !== null && box.y >= 0 && box.y + box.height <= 1000;
    };
    expect(await inView('Upload')).toBe(true);
    expect(await inView('Generate video')).toBe(true);
    await shot(page, '08-first-screen');

    // Text that is no URL is told what a URL looks like, not to remove its spaces.
    await page.getByLabel('File URL').fill('not a url');
    await page.getByRole('button', { name: 'Upload', exact: true }).click();
    expect(await page.locator('#upload-url-error').textContent()).toBe(
      'Give an absolute URL with scheme and host, like https://example.com/cat.jpg.',
    );

    // A URL pasted with a trailing space: the field drops it, and the upload goes through.
    await page.evaluate(() => navigator.clipboard.writeText('https://example.com/cat.jpg '));
    await page.getByLabel('File URL').fill('');
    await page.getByLabel('File URL').focus();
    await page.keyboard.press('Control+V');
    expect(await page.getByLabel('File URL').inputValue()).toBe('https://example.com/cat.jpg ');
    await page.getByRole('button', { name: 'Upload', exact: true }).click();
    expect(await (await finishedCall(page, 'upload')).getAttribute('data-state')).toBe('ok');
    expect(await page.getByLabel('File URL').inputValue()).toBe('https://example.com/cat.jpg');

    // A failed upload is told beside the form that sent it, in view.
    await page.getByLabel('Mock fault for the next call').selectOption('server-error');
    await page.getByRole('button', { name: 'Upload', exact: true }).click();
    const uploadRegion = page.getByRole('region', { name: 'Upload' });
    const failure = uploadRegion.getByTestId('upload-failure');
    await failure.waitFor();
    expect(await failure.locator('.error-title').textContent()).toBe(
      'The upload may or may not have created an asset (the service answered HTTP 500).',
    );
    // In view: the page brings it there (waited for, never assumed to be instant).
    await page.waitForFunction(() => {
      const box = document.querySelector('[data-testid="upload-failure"]')?.getBoundingClientRect();
      return box !== undefined && box.top >= 0 && Math.floor(box.bottom) <= window.innerHeight;
    });

    // The video form names its fields by their labels, never by the API's names.
    const panel = videoPanel(page);
    await panel.getByLabel('Prompt').fill('a cat');
    await panel.getByLabel('Last frame', { exact: true }).fill('https://example.com/last.png ');
    await panel.getByRole('button', { name: 'Generate video' }).click();
    const lastError = (await panel.locator('#video-last_image-error').textContent()) ?? '';
    expect(lastError).toContain('“First frame”');
    expect(lastError).not.toMatch(/first_image|last_image/);
    expect(await panel.getByLabel('Last frame', { exact: true }).inputValue()).toBe(
      'https://example.com/last.png',
    );
    await shot(page, '08-errors-by-their-forms');
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

  const videoPanel = (page: Page) => page.getByRole('region', { name: 'Generate video' });

  it('uploads a sample image, previews it, makes a video from it offline, and plays it', async () => {
    const page = await openPage(
      `?reviewDelayMs=${REVIEW_DELAY_MS}&taskQueuedMs=${TASK_QUEUED_MS}&taskProcessingMs=${TASK_PROCESSING_MS}`,
    );
    const pageUrl = page.url();
    // The example is the mock's own sample PNG, served inside this tab by the service worker.
    await page.getByRole('button', { name: 'Cat image' }).click();
    await page.getByRole('button', { name: 'Upload', exact: true }).click();
    const uploadCard = await finishedCall(page, 'upload');
    expect(await uploadCard.getAttribute('data-state')).toBe('ok');
    const ref = (await uploadCard.getByTestId('asset-ref').textContent()) ?? '';

    // Nothing to pick before the asset is known to be Active.
    const pick = videoPanel(page).getByLabel('Use an Active Image asset for First frame');
    expect(await pick.isDisabled()).toBe(true);
    await page.getByRole('button', { name: 'Wait until Active' }).click();
    await page.getByTestId('detail').locator('[data-status="Active"]').waitFor();
    const imageWidth = await page.waitForFunction(() => {
      const img = document.querySelector('img[data-testid="media-preview"]');
      return img instanceof HTMLImageElement && img.complete && img.naturalWidth > 0
        ? img.naturalWidth
        : false;
    });
    expect(await imageWidth.jsonValue()).toBe(640);
    await shot(page, '10-asset-preview');

    const panel = videoPanel(page);
    await panel.getByLabel('Prompt').fill('A cat dancing in the rain, cinematic style');
    await pick.selectOption(ref);
    expect(await panel.getByLabel('First frame', { exact: true }).inputValue()).toBe(ref);

    // The contract's rule refuses 3 s by the field, and nothing is sent.
    await panel.getByLabel('Duration (s)').fill('3');
    await panel.getByRole('button', { name: 'Generate video' }).click();
    await page.locator('#video-duration-error').waitFor();
    expect(await panel.getByLabel('Duration (s)').getAttribute('aria-invalid')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('inputmode'))).toBe(
      'numeric',
    );
    expect(await page.locator('article[data-operation="video-create"]').count()).toBe(0);

    // An aspect ratio public code does not use only warns; the task is sent.
    await panel.getByLabel('Duration (s)').fill('4');
    await panel.getByLabel('Aspect ratio').fill('5:4');
    await panel.getByRole('button', { name: 'Generate video' }).click();
    await panel.getByTestId('video-warning').waitFor();
    const createCard = await finishedCall(page, 'video-create');
    expect(await createCard.getAttribute('data-state')).toBe('ok');
    expect(await createCard.getByTestId('http-status').textContent()).toMatch(/^HTTP 200/);
    expect(await createCard.locator('.envelope').textContent()).toContain('"status": "queued"');
    const curl = (await createCard.getByTestId('curl').textContent()) ?? '';
    expect(curl).toContain(
      "curl -X POST 'http://127.0.0.1:4010/kyyReactApiServer/v1/kyyvideo2/videos'",
    );
    expect(curl).toContain(`"first_image":"${ref}"`);
    expect(curl).toContain('Authorization: Bearer ${KYY_API_KEY:-');

    const run = panel.getByTestId('video-run');
    await run.and(page.locator('[data-phase="completed"]')).waitFor();
    expect(await run.getByTestId('video-statuses').textContent()).toBe(
      'Statuses seen: queued → processing → completed',
    );
    const waitCard = await finishedCall(page, 'video-wait');
    expect(await waitCard.getAttribute('data-state')).toBe('ok');
    expect(await waitCard.locator('.statuses').textContent()).toMatch(/processing → completed$/);

    // The player has decoded the sample MP4, and it really plays.
    await page.waitForFunction(() => {
      const video = document.querySelector('video[data-testid="result-video"]');
      return video instanceof HTMLVideoElement && video.readyState >= 2;
    });
    await page.evaluate(() => {
      const video = document.querySelector('video[data-testid="result-video"]');
      if (!(video instanceof HTMLVideoElement)) throw new Error('no video element');
      video.muted = true;
      return video.play();
    });
    await page.waitForFunction(() => {
      const video = document.querySelector('video[data-testid="result-video"]');
      return video instanceof HTMLVideoElement && video.currentTime > 0;
    });
    const video = panel.getByTestId('result-video');
    const src = (await video.getAttribute('src')) ?? '';
    expect(src).toBe(`${app.url}/kyyReactApiServer/mock-media/sample-video.mp4`);
    const link = panel.getByTestId('video-download');
    expect(await link.getAttribute('href')).toBe(src);
    expect(await link.getAttribute('download')).toMatch(/^video_[0-9a-f-]{36}\.mp4$/);
    // The link saves the real MP4, not the app's HTML, and the page stays where it was.
    const saved = await downloadFrom(page, link);
    expect(saved.filename).toBe(await link.getAttribute('download'));
    expect(isMp4(saved.bytes)).toBe(true);
    expect(page.url()).toBe(pageUrl);
    // Any client can fetch the URL the in-browser mock answered (curl, another browser).
    expect(isMp4(Buffer.from(await (await fetch(src)).arrayBuffer()))).toBe(true);
    await shot(page, '11-video-completed');
    await page.close();
  });

  it('saves the MP4 from the local mock server and keeps the page', async () => {
    const page = await openPage('');
    await page.getByLabel('Local mock server').check();
    await page.getByLabel('Mock server base URL').fill(localServer.url);
    const pageUrl = page.url();
    const panel = await generateVideo(page, 'a dog on a beach');
    const link = panel.getByTestId('video-download');
    expect(await link.getAttribute('href')).toBe(`${localServer.url}/mock-media/sample-video.mp4`);
    const saved = await downloadFrom(page, link);
    expect(saved.filename).toMatch(/^video_[0-9a-f-]{36}\.mp4$/);
    expect(isMp4(saved.bytes)).toBe(true);
    // The call log is still there: the download did not navigate away.
    expect(page.url()).toBe(pageUrl);
    expect(await page.locator('article[data-operation="video-wait"]').count()).toBe(1);
    await page.close();
  });

  it('shows a failed task with the service’s reason', async () => {
    const page = await openPage('');
    const panel = videoPanel(page);
    // The mock's video scenario, sent with the create, makes the task end failed.
    await page.getByLabel('Mock fault for the next call').selectOption('video-failed');
    await panel.getByLabel('Prompt').fill('a storm');
    await panel.getByRole('button', { name: 'Generate video' }).click();
    const createCard = await finishedCall(page, 'video-create');
    expect(await createCard.getByTestId('curl').textContent()).toContain(
      "-H 'X-Mock-Scenario: video-failed'",
    );
    const run = panel.getByTestId('video-run');
    await run.and(page.locator('[data-phase="failed"]')).waitFor();
    expect(await run.locator('[data-status="failed"]').count()).toBe(1);
    const failedTitle = (await run.locator('.error-title').textContent()) ?? '';
    expect(failedTitle).toMatch(/^The video task failed/);
    expect(failedTitle).not.toMatch(/\.\.$/);
    expect(await run.locator('video').count()).toBe(0);
    const waitCard = await finishedCall(page, 'video-wait');
    expect(await waitCard.getAttribute('data-state')).toBe('error');
    // The scenario was for the next call (the create) only, not for the wait that followed.
    const pollCurls = await waitCard.getByTestId('curl').allTextContents();
    expect(pollCurls.length).toBeGreaterThan(0);
    expect(pollCurls.join('\n')).not.toContain('X-Mock-Scenario');
    await page.close();
  });

  it('creates a task on the "real service" with a key it never shows, and stops waiting', async () => {
    const page = await openPage();
    await page.getByLabel('Real service').check();
    await page.getByLabel('API key').fill(SECRET_KEY);
    const panel = videoPanel(page);
    await panel.getByLabel('Prompt').fill('A cat dancing in the rain');
    await panel.getByRole('button', { name: 'Generate video' }).click();
    const createCard = await finishedCall(page, 'video-create');
    expect(await createCard.getAttribute('data-state')).toBe('ok');
    const curl = (await createCard.getByTestId('curl').textContent()) ?? '';
    expect(curl).toContain(`curl -X POST '${DEFAULT_BASE_URL}/v1/kyyvideo2/videos'`);
    expect(curl).toContain('-H "Authorization: Bearer $KYY_API_KEY"');
    // Against the real service the client reads the task once, then pauses as the documentation
    // advises (10 s or more for a fast model) before the next read: that holds "Stop waiting" open.
    await panel.getByRole('button', { name: 'Stop waiting' }).click();
    await panel.getByTestId('video-run').and(page.locator('[data-phase="stopped"]')).waitFor();
    await shot(page, '12-video-real-stopped');
    // "Wait again" picks the same task up in a new call, held open the same way.
    const taskId = (await createCard.getByTestId('task-id').textContent())?.replace(/^\W+/, '');
    expect(taskId).toMatch(/^video_[0-9a-f-]{36}$/);
    await panel.getByRole('button', { name: 'Wait again' }).click();
    await panel.getByRole('button', { name: 'Stop waiting' }).click();
    await panel.getByTestId('video-run').and(page.locator('[data-phase="stopped"]')).waitFor();
    const waits = page.locator('article[data-operation="video-wait"]');
    expect(await waits.count()).toBe(2);
    expect(await waits.first().getByTestId('task-id').textContent()).toContain(taskId ?? '-');
    expect(await page.content()).not.toContain(SECRET_KEY);
    expect(page.url()).not.toContain(SECRET_KEY);
    expect(consoleLines.join('\n')).not.toContain(SECRET_KEY);
    await page.close();
  });
});
