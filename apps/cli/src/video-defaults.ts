// Restated from the client and the contract because the command tree (and so `kyy --help`) must
// not load them; video-defaults.test.ts keeps each equal to its source.

/** The client's DEFAULT_VIDEO_WAIT_TIMEOUT_MS (twice the slowest documented generation), in s. */
export const DEFAULT_VIDEO_TIMEOUT_S = 600;

/** The model of the documentation's own create example (EXAMPLE_VIDEO_TASK_REQUEST.model). */
export const DEFAULT_VIDEO_MODEL = 'kyyvideo2';

/** The contract's KYYVIDEO2_MODELS and SEEDANCE_MODELS (together its VIDEO_MODELS), in order. */
export const VIDEO_MODEL_FAMILIES = [
  ['kyyvideo2', 'kyyvideo2_fast', 'kyyvideo2_pro', 'kyyvideo2_fast_pro'],
  ['seedance_2_0', 'seedance_2_0_fast', 'seedance_2_0_pro', 'seedance_2_0_fast_pro'],
] as const;

/** The contract's DOCUMENTED_VIDEO_POLL_INTERVAL_MS and the client's fast-model range, in s. */
export const VIDEO_POLL_HELP = '20–40 s, as the docs advise; 10–20 s for fast models';

/** The contract's DOCUMENTED_VIDEO_DURATION_S. */
export const VIDEO_DURATION_HELP = '4–15; the service uses 5 when left out';
