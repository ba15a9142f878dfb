import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseAssetRef } from './asset-ref.js';
import { checkVideoTask } from './rules/video-task.js';
import { EXAMPLE_VIDEO_TASK_REQUEST } from './video-constants.js';
import { buildVideoTask, InvalidVideoTaskError, toMediaReference } from './video-task.js';

const ID = 'asset-20260330142158-q75m8';
const REF = `asset://${ID}` as const;

describe('toMediaReference', () => {
  it.each([
    ['an upload result', { assetId: ID, ref: REF }, REF],
    ['a result with only the id', { assetId: ID }, REF],
    ['a result with only the ref', { ref: REF }, REF],
    ['a bare id', ID, REF],
    ['a reference', REF, REF],
    ['a URL', 'https://example.com/cat.jpg', 'https://example.com/cat.jpg'],
  ])('turns %s into the field value', (_, input, expected) => {
    expect(toMediaReference(input)).toBe(expected);
  });

  it('turns any asset id, in any form, into a reference that parses back to it', () => {
    const id = fc
      .tuple(fc.stringMatching(/^[0-9]{14}$/), fc.stringMatching(/^[a-z0-9]{5}$/))
      .map(([stamp, tail]) => `asset-${stamp}-${tail}`);
    fc.assert(
      fc.property(id, fc.nat(2), (assetId, form) => {
        const input =
          [assetId, { assetId }, { assetId, ref: `asset://${assetId}` }][form] ?? assetId;
        expect(parseAssetRef(toMediaReference(input))).toBe(assetId);
      }),
    );
  });
});

describe('buildVideoTask', () => {
  it('builds the documentation example from camelCase options', () => {
    const { model, prompt, duration, aspect_ratio, generateAudio } = EXAMPLE_VIDEO_TASK_REQUEST;
    expect(
      buildVideoTask({ model, prompt, duration, aspectRatio: aspect_ratio, generateAudio }),
    ).toEqual(EXAMPLE_VIDEO_TASK_REQUEST);
  });

  it('wraps upload results into asset:// references and leaves empty lists out', () => {
    const body = buildVideoTask({
      model: 'kyyvideo2_fast',
      prompt: 'p',
      references: {
        images: [{ assetId: ID, ref: REF }, 'https://example.com/b.png'],
        videos: [{ assetId: 'asset-20260330142158-zzzzz' }],
        audios: [],
      },
    });
    expect(body).toEqual({
      model: 'kyyvideo2_fast',
      prompt: 'p',
      referenceImages: [REF, 'https://example.com/b.png'],
      referenceVideos: ['asset://asset-20260330142158-zzzzz'],
    });
    expect(checkVideoTask(body)).toEqual([]);
  });

  it('builds first and last frames', () => {
    expect(
      buildVideoTask({
        model: 'seedance_2_0',
        prompt: 'p',
        firstImage: { ref: REF },
        lastImage: ID,
      }),
    ).toEqual({ model: 'seedance_2_0', prompt: 'p', first_image: REF, last_image: REF });
  });

  it('throws the problems of a task the documented rules refuse', () => {
    const build = () =>
      buildVideoTask({
        model: 'kyyvideo2',
        prompt: 'p',
        duration: 30,
        firstImage: { assetId: ID },
        references: { images: [{ assetId: 'not-an-id' }] },
      });
    expect(build).toThrow(InvalidVideoTaskError);
    try {
      build();
    } catch (error) {
      const problems = (error as InvalidVideoTaskError).problems;
      expect(problems.map((p) => `${p.field} ${p.kind}`)).toEqual([
        'duration out-of-range',
        'referenceImages[0] format',
        'referenceImages conflict',
      ]);
      expect((error as Error).message).toMatch(
        /^The video task is not valid: duration: Give 4 to 15/,
      );
    }
  });

  it('does not throw on warnings', () => {
    expect(buildVideoTask({ model: 'kyyvideo2', prompt: 'p', aspectRatio: '2:1' })).toEqual({
      model: 'kyyvideo2',
      prompt: 'p',
      aspect_ratio: '2:1',
    });
  });
});
