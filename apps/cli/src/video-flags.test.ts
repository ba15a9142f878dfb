import { createKyyClient, KyyInputError } from '@kyyvideo/client';
import { checkVideoTask, VIDEO_TASK_FIELDS } from '@kyyvideo/contract';
import { describe, expect, it } from 'vitest';
import { UsageError } from './errors.js';
import {
  checkedTask,
  FLAG_OF_FIELD,
  flagOf,
  problemInFlagTerms,
  refusalInFlagTerms,
  taskInput,
} from './video-flags.js';

describe('the field → flag table', () => {
  it('has a flag for every field the contract documents, and no other', () => {
    expect(Object.keys(FLAG_OF_FIELD).sort()).toEqual([...VIDEO_TASK_FIELDS].sort());
  });

  it('names which of a repeated flag', () => {
    expect(flagOf('first_image')).toBe('--first-frame');
    expect(flagOf('referenceImages', 0)).toBe('--ref-image (1st)');
    expect(flagOf('referenceAudios', 2)).toBe('--ref-audio (3rd)');
    expect(flagOf('referenceVideos', 10)).toBe('--ref-video (11th)');
  });

  it('names the repeated flag of a problem on one item by its position', () => {
    const [problem] = checkVideoTask({
      model: 'kyyvideo2',
      prompt: 'p',
      referenceImages: ['https://example.com/a.png', 'https://example.com/b.png', 'not a url'],
    });
    expect(problem?.item).toEqual({ field: 'referenceImages', index: 2 });
    expect(problemInFlagTerms(problem as NonNullable<typeof problem>)).toMatch(
      /^--ref-image \(3rd\): /,
    );
  });

  it('says every problem of the rules in flags, never in API field names', () => {
    const bodies = [
      {
        model: 'kyyvideo2',
        prompt: 'p',
        first_image: 'x',
        last_image: 'y',
        referenceImages: ['z'],
      },
      { model: 'kyyvideo2', prompt: ' ', last_image: 'https://example.com/a.png', duration: 3 },
      { model: 'kyyvideo2', prompt: 'p', referenceVideos: ['asset-20260330142158-q75m8'] },
      { model: 'kyyvideo2', prompt: 'p', aspect_ratio: '5:1' },
    ];
    for (const body of bodies) {
      const problems = checkVideoTask(body);
      expect(problems.length).toBeGreaterThan(0);
      for (const problem of problems) {
        expect(problemInFlagTerms(problem)).not.toMatch(
          /first_image|last_image|aspect_ratio|generateAudio|reference(Images|Videos|Audios)/,
        );
      }
    }
  });
});

describe('checkedTask', () => {
  it('builds the API body from the flags', () => {
    const body = checkedTask(
      taskInput({
        prompt: 'a cat',
        model: 'kyyvideo2_fast',
        duration: '10',
        aspectRatio: '16:9',
        audio: false,
        refImage: ['https://example.com/a.png', 'asset-20260330142158-q75m8'],
        refAudio: ['https://example.com/a.mp3'],
      }),
    );
    expect(body).toEqual({
      model: 'kyyvideo2_fast',
      prompt: 'a cat',
      duration: 10,
      aspect_ratio: '16:9',
      generateAudio: false,
      referenceImages: ['https://example.com/a.png', 'asset://asset-20260330142158-q75m8'],
      referenceAudios: ['https://example.com/a.mp3'],
    });
  });

  it('refuses with a usage error listing every problem', () => {
    const refuse = () =>
      checkedTask(taskInput({ prompt: 'a', model: 'kyyvideo', duration: 'ten', lastFrame: 'x' }));
    expect(refuse).toThrow(UsageError);
    expect(refuse).toThrow(/^--model: .*\n--duration: .*\n--last-frame: /s);
  });
});

describe('refusalInFlagTerms', () => {
  // A client whose every request fails loudly: the refusals below must come before any request.
  const kyy = createKyyClient({
    apiKey: 'k',
    baseUrl: 'http://127.0.0.1:9/kyyReactApiServer',
    fetch: () => Promise.reject(new Error('no request may be sent')),
  });

  it("says the client's refusal in flags, item by item, from the problems it carries", async () => {
    const refused = await kyy
      .generate({
        model: 'kyyvideo2',
        prompt: 'a cat',
        duration: 20,
        references: { images: ['https://example.com/a.png', 'https://example.com/b.png', 'x'] },
      })
      .catch((error: unknown) => refusalInFlagTerms(error));
    expect(refused).toBeInstanceOf(UsageError);
    expect((refused as Error).message).toMatch(/^--duration: .*\n--ref-image \(3rd\): /s);
  });

  it('passes on any other error as it is', () => {
    const other = new Error('boom');
    expect(refusalInFlagTerms(other)).toBe(other);
    const noRule = new KyyInputError('timeoutMs must be positive', { operation: 'input' });
    expect(refusalInFlagTerms(noRule)).toBe(noRule);
  });
});
