import { describe, expect, it } from 'vitest';
import { MAX_MOCK_DELAY_MS, parseMockSettings } from './mock-settings.js';

describe('parseMockSettings', () => {
  it('reads whole-number settings from the query string', () => {
    expect(
      parseMockSettings(
        '?reviewDelayMs=500&latencyMs=0&seed=7&taskQueuedMs=300&taskProcessingMs=900&other=1',
      ),
    ).toEqual({
      settings: {
        reviewDelayMs: 500,
        latencyMs: 0,
        seed: 7,
        taskQueuedMs: 300,
        taskProcessingMs: 900,
      },
      ignored: [],
    });
  });

  it('ignores bad values and says why, instead of passing them to the mock', () => {
    const parsed = parseMockSettings(
      `?reviewDelayMs=-1&faceReviewDelayMs=1.5&latencyMs=&seed=abc&reviewDelayMs=2`,
    );
    expect(parsed.settings).toEqual({});
    expect(parsed.ignored).toHaveLength(4);
    expect(parsed.ignored[0]).toBe(
      `Ignored reviewDelayMs="-1": use a whole number from 0 to ${MAX_MOCK_DELAY_MS}.`,
    );
  });

  it('refuses delays longer than the cap', () => {
    expect(parseMockSettings(`?reviewDelayMs=${MAX_MOCK_DELAY_MS + 1}`).settings).toEqual({});
    expect(parseMockSettings(`?reviewDelayMs=${MAX_MOCK_DELAY_MS}`).settings).toEqual({
      reviewDelayMs: MAX_MOCK_DELAY_MS,
    });
  });
});
