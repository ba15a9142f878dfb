/**
 * Options for the in-browser mock, read from the page's query string so a link (or a test) can
 * shorten the review: `/?reviewDelayMs=500`. The mock is created once per page load, so changing
 * them means reloading, which also empties the in-browser mock's store.
 */
export interface BrowserMockSettings {
  reviewDelayMs?: number;
  faceReviewDelayMs?: number;
  latencyMs?: number;
  seed?: number;
  /** How long a new video task stays `queued`, then `processing` (mock-only timings). */
  taskQueuedMs?: number;
  taskProcessingMs?: number;
}

export const MOCK_SETTING_NAMES = [
  'reviewDelayMs',
  'faceReviewDelayMs',
  'latencyMs',
  'seed',
  'taskQueuedMs',
  'taskProcessingMs',
] as const;

/** Longer than any sensible demo; stops a typo from freezing a review for days. */
export const MAX_MOCK_DELAY_MS = 600_000;

export interface ParsedMockSettings {
  settings: BrowserMockSettings;
  /** One sentence per query value that was ignored, saying why. */
  ignored: string[];
}

export function parseMockSettings(search: string): ParsedMockSettings {
  const params = new URLSearchParams(search);
  const settings: BrowserMockSettings = {};
  const ignored: string[] = [];
  for (const name of MOCK_SETTING_NAMES) {
    const raw = params.get(name);
    if (raw === null) continue;
    const value = Number(raw);
    const limit = name === 'seed' ? Number.MAX_SAFE_INTEGER : MAX_MOCK_DELAY_MS;
    if (raw.trim() === '' || !Number.isInteger(value) || value < 0 || value > limit) {
      ignored.push(
        `Ignored ${name}=${JSON.stringify(raw)}: use a whole number from 0 to ${limit}.`,
      );
      continue;
    }
    settings[name] = value;
  }
  return { settings, ignored };
}
