import { describe, expect, it } from 'vitest';
import { EXAMPLE_VIDEO_TASK_REQUEST, VIDEO_MODELS } from '../video-constants.js';
import { errorsOf, type Problem } from './problem.js';
import { checkVideoTask, isValidVideoTask } from './video-task.js';

const REF = 'asset://asset-20260330142158-q75m8';
const URL_A = 'https://example.com/cat.jpg';
const DOCS_EXAMPLE = EXAMPLE_VIDEO_TASK_REQUEST;
const base = { model: 'kyyvideo2', prompt: 'a cat' };

const summary = (problems: readonly Problem[]) =>
  problems.map(({ field, kind, severity }) => `${severity} ${field} ${kind}`);

describe('checkVideoTask accepts', () => {
  it.each<[string, unknown]>([
    ['the documentation example', DOCS_EXAMPLE],
    ['model and prompt alone', base],
    ...VIDEO_MODELS.map((model): [string, unknown] => [`model ${model}`, { ...base, model }]),
    ['the shortest and longest duration', { ...base, duration: 4 }],
    ['the longest duration', { ...base, duration: 15 }],
    ['a first and a last frame', { ...base, first_image: URL_A, last_image: REF }],
    [
      'references of every kind',
      {
        ...base,
        referenceImages: [URL_A, REF],
        referenceVideos: ['http://127.0.0.1:4400/clip.mp4'],
        referenceAudios: [REF],
      },
    ],
    ['first_image with empty reference lists', { ...base, first_image: REF, referenceImages: [] }],
  ])('%s', (_, body) => {
    expect(checkVideoTask(body)).toEqual([]);
    expect(isValidVideoTask(body)).toBe(true);
  });
});

describe('checkVideoTask refuses', () => {
  it.each([
    ['no model', { prompt: 'x' }, ['error model missing']],
    ['an empty model', { ...base, model: '' }, ['error model missing']],
    ['a numeric model', { ...base, model: 2 }, ['error model type']],
    ['an unknown model', { ...base, model: 'sora' }, ['error model unknown-value']],
    ['no prompt', { model: 'kyyvideo2' }, ['error prompt missing']],
    ['a blank prompt', { ...base, prompt: '  ' }, ['error prompt missing']],
    ['a numeric prompt', { ...base, prompt: 7 }, ['error prompt type']],
    ['duration 3', { ...base, duration: 3 }, ['error duration out-of-range']],
    ['duration 16', { ...base, duration: 16 }, ['error duration out-of-range']],
    ['duration 4.5', { ...base, duration: 4.5 }, ['error duration format']],
    ['duration NaN', { ...base, duration: Number.NaN }, ['error duration format']],
    ['duration "10"', { ...base, duration: '10' }, ['error duration type']],
    ['a bare asset id', { ...base, first_image: REF.slice(8) }, ['error first_image format']],
    ['a broken asset ref', { ...base, first_image: 'asset://cat' }, ['error first_image format']],
    ['an ftp URL', { ...base, first_image: 'ftp://h/x.png' }, ['error first_image format']],
    ['a relative URL', { ...base, first_image: '/x.png' }, ['error first_image format']],
    ['a numeric frame', { ...base, first_image: 1 }, ['error first_image type']],
    ['an empty frame', { ...base, first_image: '' }, ['error first_image missing']],
    ['last_image alone', { ...base, last_image: REF }, ['error last_image conflict']],
    [
      'first_image with reference images',
      { ...base, first_image: REF, referenceImages: [URL_A] },
      ['error referenceImages conflict'],
    ],
    [
      'first_image with every kind of reference',
      {
        ...base,
        first_image: REF,
        referenceImages: [URL_A],
        referenceVideos: [URL_A],
        referenceAudios: [URL_A],
      },
      [
        'error referenceImages conflict',
        'error referenceVideos conflict',
        'error referenceAudios conflict',
      ],
    ],
    [
      'a reference list given as a string',
      { ...base, referenceImages: URL_A },
      ['error referenceImages type'],
    ],
    [
      'one bad item of a list',
      { ...base, referenceVideos: [URL_A, 'not a url'] },
      ['error referenceVideos[1] format'],
    ],
    ['a null item', { ...base, referenceAudios: [null] }, ['error referenceAudios[0] missing']],
    ['generateAudio "true"', { ...base, generateAudio: 'true' }, ['error generateAudio type']],
    ['a numeric aspect ratio', { ...base, aspect_ratio: 1.78 }, ['error aspect_ratio type']],
    [
      'null for optional fields',
      { ...base, duration: null, first_image: null, prompt: '' },
      ['error duration type', 'error first_image type', 'error prompt missing'],
    ],
    ['null', null, ['error body type']],
    ['an array', [base], ['error body type']],
    ['everything at once', {}, ['error model missing', 'error prompt missing']],
  ])('%s', (_, body, expected) => {
    expect(summary(checkVideoTask(body))).toEqual(expected);
    expect(isValidVideoTask(body)).toBe(false);
  });
});

describe('checkVideoTask warns, without refusing, on what only public code limits', () => {
  it.each([
    [
      'an aspect ratio public code does not use',
      { ...base, aspect_ratio: '2:1' },
      ['warning aspect_ratio unknown-value'],
    ],
    [
      'ten reference images (public code sends 9)',
      { ...base, referenceImages: Array(10).fill(URL_A) },
      ['warning referenceImages too-many'],
    ],
    [
      'four reference videos and four audios (public code sends 3)',
      { ...base, referenceVideos: Array(4).fill(REF), referenceAudios: Array(4).fill(REF) },
      ['warning referenceVideos too-many', 'warning referenceAudios too-many'],
    ],
    ['a misspelt field', { ...base, firstImage: URL_A }, ['warning firstImage unknown-value']],
  ])('%s', (_, body, expected) => {
    expect(summary(checkVideoTask(body))).toEqual(expected);
    expect(isValidVideoTask(body)).toBe(true);
  });

  it('keeps exactly 9 / 3 / 3 references quiet', () => {
    expect(
      checkVideoTask({
        ...base,
        referenceImages: Array(9).fill(URL_A),
        referenceVideos: Array(3).fill(URL_A),
        referenceAudios: Array(3).fill(URL_A),
      }),
    ).toEqual([]);
  });
});

describe('hints say what to fix', () => {
  const hintFor = (body: unknown, field: string) =>
    checkVideoTask(body).find((found) => found.field === field)?.hint;

  it('suggests the model a near miss meant, in either family', () => {
    expect(hintFor({ ...base, model: 'KyyVideo2-Fast' }, 'model')).toBe(
      "Did you mean 'kyyvideo2_fast'?",
    );
    expect(hintFor({ ...base, model: 'seedance-2.0-pro' }, 'model')).toBe(
      "Did you mean 'seedance_2_0_pro'?",
    );
    expect(hintFor({ ...base, model: 'sora' }, 'model')).toContain(
      'kyyvideo2_fast_pro, seedance_2_0',
    );
  });

  it('shows the asset:// form of a bare id, the range of a duration, the field a typo meant', () => {
    expect(hintFor({ ...base, first_image: REF.slice(8) }, 'first_image')).toContain(REF);
    expect(hintFor({ ...base, duration: 20 }, 'duration')).toMatch(/4 to 15 seconds/);
    expect(hintFor({ ...base, referenceimages: [] }, 'referenceimages')).toMatch(
      /did you mean 'referenceImages'/,
    );
  });

  it('quotes an offending URL with its password masked', () => {
    const [found] = checkVideoTask({
      ...base,
      last_image: 'ftp://me:hunter2@host/x.png',
      first_image: REF,
    });
    expect(found).toMatchObject({ field: 'last_image', kind: 'format' });
    expect(found?.value).toBe('ftp://me:[redacted]@host/x.png');
  });

  it('never mentions a field other than its own', () => {
    for (const found of errorsOf(checkVideoTask({ ...base, duration: 0, first_image: 3 }))) {
      expect(found.hint).not.toMatch(/^(duration|first_image):/);
    }
  });
});

describe('checkVideoTask locates problems', () => {
  it('gives a problem on one item of a list its list and position, with field as before', () => {
    const problems = checkVideoTask({
      ...base,
      referenceImages: [URL_A, REF, 'not a url'],
      referenceAudios: [null],
    });
    expect(problems.map(({ field, item }) => ({ field, item }))).toEqual([
      { field: 'referenceImages[2]', item: { field: 'referenceImages', index: 2 } },
      { field: 'referenceAudios[0]', item: { field: 'referenceAudios', index: 0 } },
    ]);
  });

  it('sets no item for a plain field, nor for a whole list', () => {
    const problems = checkVideoTask({
      model: 'nope',
      prompt: '',
      duration: 99,
      first_image: 'not a url',
      referenceImages: Array(10).fill(URL_A),
      referenceVideos: URL_A,
    });
    expect(problems.length).toBeGreaterThanOrEqual(6);
    for (const found of problems) expect(found).not.toHaveProperty('item');
  });
});
