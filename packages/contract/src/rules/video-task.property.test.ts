import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DOCUMENTED_VIDEO_DURATION_S, VIDEO_MODELS } from '../video-constants.js';
import { CreateVideoTaskRequest } from '../video-schemas.js';
import { errorsOf } from './problem.js';
import { checkVideoTask, VIDEO_TASK_FIELDS } from './video-task.js';

const assetRef = fc
  .tuple(fc.stringMatching(/^[0-9]{14}$/), fc.stringMatching(/^[a-z0-9]{5}$/))
  .map(([stamp, tail]) => `asset://asset-${stamp}-${tail}`);
// Hand-built rather than fc.webUrl(): every URL here must be one the WHATWG parser keeps as is.
const publicUrl = fc
  .tuple(
    fc.constantFrom('http', 'https'),
    // No hyphens: `xn--…` labels are punycode, which the URL parser checks.
    fc.stringMatching(/^[a-z][a-z0-9]{0,12}\.(com|org|cn|net)$/),
    fc.stringMatching(/^[A-Za-z0-9_-]{1,20}\.(png|jpg|mp4|wav|mp3)$/),
  )
  .map(([scheme, host, file]) => `${scheme}://${host}/${file}`);
const medium = fc.oneof(assetRef, publicUrl);
const list = (max: number) => fc.array(medium, { minLength: 1, maxLength: max });

const common = {
  model: fc.constantFrom(...VIDEO_MODELS),
  prompt: fc.string({ minLength: 1 }).filter((text) => text.trim() !== ''),
  duration: fc.integer({
    min: DOCUMENTED_VIDEO_DURATION_S.min,
    max: DOCUMENTED_VIDEO_DURATION_S.max,
  }),
  aspect_ratio: fc.constantFrom('16:9', '9:16', '1:1', '4:3', '3:4', '21:9', 'adaptive'),
  generateAudio: fc.boolean(),
};
const required = { requiredKeys: ['model', 'prompt'] as ('model' | 'prompt')[] };
/** Bodies every documented rule accepts: frames, or references, never both. */
const validTask = fc.oneof(
  fc
    .record({ ...common, first_image: medium, last_image: medium }, required)
    // last_image only ever comes with first_image.
    .map(({ last_image, ...body }) =>
      'first_image' in body && last_image !== undefined ? { ...body, last_image } : body,
    ),
  fc.record(
    { ...common, referenceImages: list(9), referenceVideos: list(3), referenceAudios: list(3) },
    required,
  ),
);

describe('checkVideoTask, for any input', () => {
  it('accepts every task the documented rules allow, and so does the spec schema', () => {
    fc.assert(
      fc.property(validTask, (body) => {
        expect(checkVideoTask(body)).toEqual([]);
        expect(CreateVideoTaskRequest.safeParse(body).success).toBe(true);
      }),
    );
  });

  it('never throws, and whatever it lets through the spec schema accepts', () => {
    // A field set to a good value, a wrong one or anything at all.
    const anyValue = fc.oneof(
      medium,
      fc.constantFrom(...VIDEO_MODELS),
      fc.constantFrom(null, '', 0, 4.5, [], [null], true),
      fc.anything(),
    );
    // A valid task with one field overwritten, so that one bad value is not hidden by others.
    const overwritten = fc
      .tuple(validTask, fc.constantFrom(...VIDEO_TASK_FIELDS, 'firstImage'), anyValue)
      .map(([task, field, value]) => ({ ...task, [field]: value }));
    const messy = fc.oneof(overwritten, fc.anything());
    fc.assert(
      fc.property(messy, (body) => {
        const problems = checkVideoTask(body);
        for (const found of problems) {
          expect(found.field.length).toBeGreaterThan(0);
          expect(found.hint.length).toBeGreaterThan(0);
        }
        if (errorsOf(problems).length === 0) {
          expect(CreateVideoTaskRequest.safeParse(body).success).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('refuses a duration exactly when it is not a whole number of seconds from 4 to 15', () => {
    const duration = fc.oneof(fc.integer({ min: -100, max: 100 }), fc.double({ noNaN: false }));
    fc.assert(
      fc.property(validTask, duration, (body, value) => {
        const fits = Number.isInteger(value) && value >= 4 && value <= 15;
        const refused = errorsOf(checkVideoTask({ ...body, duration: value })).map((p) => p.field);
        expect(refused).toEqual(fits ? [] : ['duration']);
      }),
    );
  });

  it('refuses first_image with any non-empty reference list, naming each list', () => {
    const withReferences = fc.record(
      { ...common, referenceImages: list(9), referenceVideos: list(3), referenceAudios: list(3) },
      required,
    );
    fc.assert(
      fc.property(withReferences, medium, (body, first) => {
        const given = ['referenceImages', 'referenceVideos', 'referenceAudios'].filter(
          (field) => field in body,
        );
        const refused = errorsOf(checkVideoTask({ ...body, first_image: first }));
        expect(refused.map((p) => `${p.field} ${p.kind}`)).toEqual(
          given.map((field) => `${field} conflict`),
        );
      }),
    );
  });
});
