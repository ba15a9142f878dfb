import {
  DEFAULT_VIDEO_WAIT_TIMEOUT_MS,
  DOCUMENTED_VIDEO_DURATION_S,
  DOCUMENTED_VIDEO_POLL_INTERVAL_MS,
  EXAMPLE_VIDEO_TASK_REQUEST,
  FAST_VIDEO_POLL_INTERVAL_MS,
  KYYVIDEO2_MODELS,
  SEEDANCE_MODELS,
  VIDEO_MODEL_TIERS,
} from '@kyyvideo/contract/rules';
import { MOCK_TASK_POLL_INTERVAL_MS } from '@kyyvideo/mock/cli';

// Built from the zod-free rules entry, so `kyy --help` shows the contract's figures without
// loading the client or the schemas.

const seconds = (range: { min: number; max: number }) =>
  `${range.min / 1000}–${range.max / 1000} s`;

/** `--timeout` of a video wait: the client's default, in s. */
export const DEFAULT_VIDEO_TIMEOUT_S = DEFAULT_VIDEO_WAIT_TIMEOUT_MS / 1000;

/** `kyy videos batch --concurrency`: tasks in flight at once when not given. */
export const DEFAULT_VIDEO_CONCURRENCY = 4;

/** The model of the documentation's own create example. */
export const DEFAULT_VIDEO_MODEL = EXAMPLE_VIDEO_TASK_REQUEST.model;

/** The fast model of the KyyVideo2 family, for the examples. */
export const FAST_VIDEO_MODEL = KYYVIDEO2_MODELS.find(
  (model) => VIDEO_MODEL_TIERS[model] === 'fast',
) as string;

/** Both documented families, each name in full, so a user can paste any of them. */
export const VIDEO_MODEL_HELP = `${KYYVIDEO2_MODELS.join(', ')}; or the same models by their Seedance names: ${SEEDANCE_MODELS.join(', ')}`;

export const VIDEO_POLL_HELP = `${seconds(DOCUMENTED_VIDEO_POLL_INTERVAL_MS)}, as the docs advise; ${seconds(FAST_VIDEO_POLL_INTERVAL_MS)} for fast models; ${MOCK_TASK_POLL_INTERVAL_MS / 1000} s with --mock`;

const { min, max } = DOCUMENTED_VIDEO_DURATION_S;
export const VIDEO_DURATION_HELP = `${min}–${max}; the service uses ${DOCUMENTED_VIDEO_DURATION_S.default} when left out`;
