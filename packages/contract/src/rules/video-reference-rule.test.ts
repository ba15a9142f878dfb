import { describe, expect, it } from 'vitest';
import {
  EXAMPLE_VIDEO_TASK_REQUEST,
  REFERENCE_VIDEO_RULES,
  VIDEO_MODEL_TIERS,
  VIDEO_MODELS,
} from '../video-constants.js';
import { checkReferenceVideoRule } from './video-reference-rule.js';

const DOCS_EXAMPLE = EXAMPLE_VIDEO_TASK_REQUEST;
const WITH_VIDEO = ['https://example.com/clip.mp4'];

describe('the two documented versions of the reference-video rule', () => {
  it('are the KyyVideo2 page (the default the docs example satisfies) and the Seedance mirror', () => {
    expect(checkReferenceVideoRule(DOCS_EXAMPLE, 'kyyvideo2Page')).toEqual([]);
    expect(checkReferenceVideoRule(DOCS_EXAMPLE, 'seedanceMirror')).toEqual([
      expect.objectContaining({ field: 'referenceVideos', kind: 'missing', severity: 'error' }),
    ]);
  });

  // Every model × version × with/without reference videos, against the table in the docs.
  const expected = {
    kyyvideo2Page: {
      standard: [true, true],
      fast: [true, true],
      pro: [true, false],
      fast_pro: [true, false],
    },
    seedanceMirror: {
      standard: [false, true],
      fast: [false, true],
      pro: [true, true],
      fast_pro: [true, true],
    },
  } as const;
  const cases = (['kyyvideo2Page', 'seedanceMirror'] as const).flatMap((version) =>
    VIDEO_MODELS.flatMap((model) =>
      ([false, true] as const).map((withVideo) => [version, model, withVideo] as const),
    ),
  );
  it.each(cases)('%s: %s with reference videos %s', (version, model, withVideo) => {
    const body = withVideo
      ? { model, prompt: 'x', referenceVideos: WITH_VIDEO }
      : { model, prompt: 'x' };
    const accepted = expected[version][VIDEO_MODEL_TIERS[model]][withVideo ? 1 : 0];
    expect(checkReferenceVideoRule(body, version).length === 0).toBe(accepted);
  });

  it('is stated as data a consumer can pick by name', () => {
    expect(Object.keys(REFERENCE_VIDEO_RULES)).toEqual(['kyyvideo2Page', 'seedanceMirror']);
  });

  it('says nothing about bodies checkVideoTask already refuses', () => {
    expect(
      checkReferenceVideoRule({ model: 'sora', referenceVideos: WITH_VIDEO }, 'kyyvideo2Page'),
    ).toEqual([]);
    expect(checkReferenceVideoRule(null, 'seedanceMirror')).toEqual([]);
  });
});
