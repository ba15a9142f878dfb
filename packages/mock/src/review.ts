import type { ResolvedOptions } from './options.js';

export type ReviewOutcome = 'Active' | 'Failed';

export interface ReviewPlan {
  /** How long the asset stays `Processing`. */
  delayMs: number;
  /** What it becomes afterwards. */
  outcome: ReviewOutcome;
}

function mentions(haystacks: string[], needles: readonly string[]): boolean {
  return haystacks.some((h) => needles.some((n) => h.includes(n)));
}

/**
 * Decides, at upload time, how the review of an asset will go. The real service reviews the
 * media itself; the mock can only look at the name and URL, so markers in them stand in for
 * "this shows a face" or "this will be rejected".
 */
export function planReview(
  input: { url: string; name?: string | null | undefined },
  options: Pick<
    ResolvedOptions,
    'reviewDelayMs' | 'faceReviewDelayMs' | 'faceMarkers' | 'failMarkers'
  >,
): ReviewPlan {
  const texts = [input.url.toLowerCase(), (input.name ?? '').toLowerCase()];
  const face = mentions(texts, options.faceMarkers);
  return {
    delayMs: face ? options.faceReviewDelayMs : options.reviewDelayMs,
    outcome: mentions(texts, options.failMarkers) ? 'Failed' : 'Active',
  };
}
