import {
  checkReferenceVideoRule,
  checkVideoTask,
  errorsOf,
  type ReferenceVideoRuleName,
  toAssetRef,
  VIDEO_MODELS,
} from '@kyyvideo/contract';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JSON_HEADERS, send } from '../test/support.js';
import { createVirtualClock } from './clock.js';
import { createMock } from './create-mock.js';

// The mock refuses a task exactly when the contract's rules do (plus its chosen reference-video
// rule), given media it can resolve: Active assets of the right kind and reachable URLs.

const clock = createVirtualClock();
const mocks = {
  kyyvideo2Page: createMock({ clock }),
  seedanceMirror: createMock({ clock, referenceVideoRule: 'seedanceMirror' }),
} satisfies Record<ReferenceVideoRuleName, unknown>;
const refs: Record<'Image' | 'Video' | 'Audio', string[]> = { Image: [], Video: [], Audio: [] };
for (const mock of Object.values(mocks)) {
  for (const assetType of ['Image', 'Video', 'Audio'] as const) {
    // Both mocks share the clock and so the ids' timestamps; only each mock's own ids count.
    const { assetId } = mock.store.create({ assetType, url: 'https://example.com/m' });
    if (mock === mocks.kyyvideo2Page) refs[assetType].push(toAssetRef(assetId));
  }
}
clock.advance(60_000);

const url = fc.constantFrom('https://example.com/a.png', 'http://cdn.example.org/v.mp4');
const goodOrBad = <T>(good: fc.Arbitrary<T>) =>
  fc.oneof(
    { weight: 4, arbitrary: good },
    {
      weight: 1,
      arbitrary: fc.oneof(fc.constant(''), fc.constant(null), fc.integer(), fc.string()),
    },
  );
const medium = (kind: 'Image' | 'Video' | 'Audio') =>
  goodOrBad(fc.oneof(fc.constantFrom(...refs[kind]), url));
const list = (kind: 'Image' | 'Video' | 'Audio') =>
  fc.oneof(fc.array(medium(kind), { maxLength: 4 }), medium(kind));

const body = fc.record(
  {
    model: goodOrBad(fc.constantFrom(...VIDEO_MODELS)),
    prompt: goodOrBad(fc.string({ minLength: 1, maxLength: 20 })),
    duration: goodOrBad(fc.integer({ min: 2, max: 17 })),
    first_image: medium('Image'),
    last_image: medium('Image'),
    aspect_ratio: goodOrBad(fc.constantFrom('16:9', '5:4', 'adaptive')),
    generateAudio: goodOrBad(fc.boolean()),
    referenceImages: list('Image'),
    referenceVideos: list('Video'),
    referenceAudios: list('Audio'),
  },
  { requiredKeys: [] },
);

describe('the mock and the contract agree on video tasks', () => {
  it('refuses exactly what checkVideoTask and the chosen reference-video rule refuse', async () => {
    await fc.assert(
      fc.asyncProperty(body, async (task) => {
        // Media refs only resolve in the first mock, so the mirror mock sees URLs only.
        const mock = mocks.kyyvideo2Page;
        const expected =
          errorsOf([...checkVideoTask(task), ...checkReferenceVideoRule(task, 'kyyvideo2Page')])
            .length === 0;
        const response = await send(mock, 'POST', '/v1/kyyvideo2/videos', {
          body: JSON.stringify(task),
          headers: JSON_HEADERS,
        });
        const text = await response.text();
        expect(response.status, text).toBe(expected ? 200 : 400);
      }),
      { numRuns: 300 },
    );
  });

  it('under the mirror rule too, for bodies of URLs only', async () => {
    const urlsOnly = fc.record(
      {
        model: fc.constantFrom(...VIDEO_MODELS),
        prompt: fc.constant('p'),
        referenceVideos: fc.array(url, { maxLength: 2 }),
        first_image: url,
      },
      { requiredKeys: ['model', 'prompt'] },
    );
    await fc.assert(
      fc.asyncProperty(urlsOnly, async (task) => {
        const expected =
          errorsOf([...checkVideoTask(task), ...checkReferenceVideoRule(task, 'seedanceMirror')])
            .length === 0;
        const response = await send(mocks.seedanceMirror, 'POST', '/v1/kyyvideo2/videos', {
          body: JSON.stringify(task),
          headers: JSON_HEADERS,
        });
        expect(response.status).toBe(expected ? 200 : 400);
      }),
    );
  });
});
