import { randomBytes } from 'node:crypto';
import { createVirtualClock, DEFAULT_FACE_REVIEW_DELAY_MS, type MockOptions } from '@kyyvideo/mock';

/**
 * Mock targets need no real waiting: review is finished by moving a virtual clock. The limit only
 * bounds a hang, sized for a busy two-core machine.
 */
export const MOCK_CHECK_TIMEOUT_MS = 60_000;

/** The documented example URL: the mocks can "download" any non-`.invalid` host. */
export const MOCK_ASSET_URL = 'https://example.com/cat.jpg';

/**
 * Options for a mock target: a fresh random key (so auth is really enforced and the masking
 * checks have a secret to look for) and a virtual clock (so review ends when the suite says).
 */
export function mockTargetOptions(): {
  options: MockOptions & { apiKey: string };
  finishReview(): void;
} {
  const clock = createVirtualClock();
  return {
    options: { apiKey: `contract-${randomBytes(12).toString('hex')}`, clock },
    // Past the longest review the mock can impose (faces), so every asset has left Processing.
    finishReview: () => clock.advance(DEFAULT_FACE_REVIEW_DELAY_MS + 1),
  };
}
