import { DEFAULT_VIDEO_WAIT_TIMEOUT_MS, FAST_VIDEO_WAIT_INTERVAL_MS } from '@kyyvideo/client';
import {
  DOCUMENTED_VIDEO_DURATION_S,
  DOCUMENTED_VIDEO_POLL_INTERVAL_MS,
  EXAMPLE_VIDEO_TASK_REQUEST,
  KYYVIDEO2_MODELS,
  SEEDANCE_MODELS,
  VIDEO_MODELS,
} from '@kyyvideo/contract';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_VIDEO_MODEL,
  DEFAULT_VIDEO_TIMEOUT_S,
  VIDEO_DURATION_HELP,
  VIDEO_MODEL_FAMILIES,
  VIDEO_POLL_HELP,
} from './video-defaults.js';

describe('the video defaults --help shows', () => {
  it('equal the client and the contract they restate', () => {
    expect(DEFAULT_VIDEO_TIMEOUT_S * 1000).toBe(DEFAULT_VIDEO_WAIT_TIMEOUT_MS);
    expect(DEFAULT_VIDEO_MODEL).toBe(EXAMPLE_VIDEO_TASK_REQUEST.model);
    expect(VIDEO_MODEL_FAMILIES).toEqual([KYYVIDEO2_MODELS, SEEDANCE_MODELS]);
    expect(VIDEO_MODEL_FAMILIES.flat()).toEqual(VIDEO_MODELS);
    const s = (ms: number) => ms / 1000;
    expect(VIDEO_POLL_HELP).toContain(
      `${s(DOCUMENTED_VIDEO_POLL_INTERVAL_MS.min)}–${s(DOCUMENTED_VIDEO_POLL_INTERVAL_MS.max)} s`,
    );
    expect(VIDEO_POLL_HELP).toContain(
      `${s(FAST_VIDEO_WAIT_INTERVAL_MS.min)}–${s(FAST_VIDEO_WAIT_INTERVAL_MS.max)} s`,
    );
    const { min, max } = DOCUMENTED_VIDEO_DURATION_S;
    expect(VIDEO_DURATION_HELP).toBe(
      `${min}–${max}; the service uses ${DOCUMENTED_VIDEO_DURATION_S.default} when left out`,
    );
  });
});
