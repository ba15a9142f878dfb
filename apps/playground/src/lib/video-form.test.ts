import { checkVideoTask, EXAMPLE_VIDEO_TASK_REQUEST } from '@kyyvideo/contract';
import { describe, expect, it } from 'vitest';
import {
  checkVideoForm,
  DEFAULT_VIDEO_FORM,
  inFormTerms,
  tidyVideoForm,
  toVideoTaskBody,
  type VideoFormValues,
} from './video-form.js';

const REF = 'asset://asset-20260330142158-q75m8';

/** The form's defaults, with the optional fields the tests look at emptied. */
const EMPTY: VideoFormValues = { ...DEFAULT_VIDEO_FORM, model: 'kyyvideo2', aspectRatio: '' };

const form = (patch: Partial<VideoFormValues>): VideoFormValues => ({
  ...EMPTY,
  prompt: 'a cat in the rain',
  ...patch,
});

describe('toVideoTaskBody', () => {
  it('turns the documentation example, typed into the form, into the same body', () => {
    const body = toVideoTaskBody(
      form({
        model: EXAMPLE_VIDEO_TASK_REQUEST.model,
        prompt: EXAMPLE_VIDEO_TASK_REQUEST.prompt,
        duration: String(EXAMPLE_VIDEO_TASK_REQUEST.duration),
        aspectRatio: EXAMPLE_VIDEO_TASK_REQUEST.aspect_ratio,
      }),
    );
    expect(body).toEqual(EXAMPLE_VIDEO_TASK_REQUEST);
  });

  it('leaves empty fields out and reads lists one item per line', () => {
    expect(
      toVideoTaskBody(
        form({ generateAudio: false, referenceImages: `\n ${REF} \nhttps://example.com/b.png\n` }),
      ),
    ).toEqual({
      model: 'kyyvideo2',
      prompt: 'a cat in the rain',
      generateAudio: false,
      referenceImages: [REF, 'https://example.com/b.png'],
    });
  });
});

describe('checkVideoForm', () => {
  it('accepts a first frame from this session and returns the body to send', () => {
    const checked = checkVideoForm(form({ firstImage: REF, duration: '4' }));
    expect(checked).toEqual({
      ok: true,
      body: {
        model: 'kyyvideo2',
        prompt: 'a cat in the rain',
        duration: 4,
        first_image: REF,
        generateAudio: true,
      },
      warnings: [],
    });
  });

  it('puts each error of the contract rules by its own field, in the rules’ words', () => {
    const values = form({
      prompt: ' ',
      duration: '4.5',
      lastImage: REF,
      referenceAudios: 'https://example.com/a.wav\nnot a url',
    });
    const checked = checkVideoForm(values);
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    const problems = checkVideoTask(toVideoTaskBody(values));
    const hint = (field: string) => problems.find((p) => p.field === field)?.hint;
    expect(checked.errors).toEqual({
      prompt: inFormTerms(hint('prompt') ?? ''),
      duration: inFormTerms(hint('duration') ?? ''),
      last_image: inFormTerms(hint('last_image') ?? ''),
      referenceAudios: `Line 2: ${inFormTerms(hint('referenceAudios[1]') ?? '')}`,
    });
  });

  it('puts a problem on the third item of a list on that list, naming line 3', () => {
    const values = form({ referenceImages: `${REF}\n${REF}\nnot a url` });
    const [problem] = checkVideoTask(toVideoTaskBody(values));
    expect(problem?.item).toEqual({ field: 'referenceImages', index: 2 });
    const checked = checkVideoForm(values);
    expect(checked.ok).toBe(false);
    if (!checked.ok) {
      expect(checked.errors).toEqual({ referenceImages: `Line 3: ${problem?.hint}` });
    }
  });

  it('refuses a first frame together with references, naming the list', () => {
    const checked = checkVideoForm(form({ firstImage: REF, referenceImages: REF }));
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(Object.keys(checked.errors)).toEqual(['referenceImages']);
  });

  it('shows warnings without blocking the submit', () => {
    const checked = checkVideoForm(form({ aspectRatio: '5:4' }));
    expect(checked.ok).toBe(true);
    expect(checked.warnings).toHaveLength(1);
    expect(checked.warnings[0]).toMatch(/^Aspect ratio: /);
  });

  it('names fields by the form’s labels, never by the API’s names', () => {
    const checked = checkVideoForm(form({ lastImage: REF, referenceImages: REF }));
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    const texts = Object.values(checked.errors).join('\n');
    expect(texts).toContain('“First frame”');
    expect(texts).not.toMatch(/first_image|last_image|referenceImages/);
    const conflict = checkVideoForm(form({ firstImage: REF, referenceImages: REF }));
    expect(!conflict.ok && conflict.errors.referenceImages).toBe(
      'Leave out “Reference images” when “First frame” is given, or leave out “First frame”: the two ways of guiding a video cannot be combined.',
    );
  });

  it('drops the spaces and blank lines a paste brings to URL fields, and nothing else', () => {
    const tidied = tidyVideoForm(
      form({
        prompt: ' a cat ',
        firstImage: ' https://example.com/cat.png \n',
        referenceImages: 'https://example.com/a.png \n\n https://example.com/b.png\n',
      }),
    );
    expect(tidied).toMatchObject({
      prompt: ' a cat ',
      firstImage: 'https://example.com/cat.png',
      referenceImages: 'https://example.com/a.png\nhttps://example.com/b.png',
    });
    expect(checkVideoForm({ ...tidied, referenceImages: '' }).ok).toBe(true);
    expect(checkVideoForm({ ...tidied, firstImage: '' }).ok).toBe(true);
  });

  it('refuses a duration that is not a number instead of guessing one', () => {
    const checked = checkVideoForm(form({ duration: 'ten' }));
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.errors.duration).toBeDefined();
  });
});
