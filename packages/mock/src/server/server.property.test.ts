import { ASSET_TYPES, FailureResponse, UploadAssetResponse } from '@kyyvideo/contract';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectedUpload } from '../../test/upload-oracle.js';
import { type RunningMockServer, startMockServer } from './index.js';

// The HTTP bridge sees raw bytes and headers that in-process tests never produce: random binary
// bodies (invalid UTF-8 included), odd methods and header values. The server must answer each
// with a well-formed envelope, succeed exactly when the input is valid (the same oracle as the
// in-process property test), and keep running.

const NUM_RUNS = 300;
const PROPERTY_TIMEOUT_MS = 60_000;

let server: RunningMockServer;
beforeAll(async () => {
  server = await startMockServer({ port: 0 });
});
afterAll(async () => {
  await server.close();
});

const headerValue = fc
  .string({ unit: 'grapheme-ascii', maxLength: 30 })
  .filter((s) => /^[\x20-\x7e]*$/.test(s));

/** Upload bodies near the valid ones, so the success side of the oracle is exercised too. */
const nearlyValidUpload = fc
  .record(
    {
      assetType: fc.constantFrom(...ASSET_TYPES, 'image', 'Picture'),
      url: fc.constantFrom(
        'https://example.com/cat.jpg',
        'http://example.com/a.mp3',
        'https://example.com/clip.mp4?x=1',
        'https://cdn.invalid/cat.jpg',
        'ftp://example.com/a.png',
        'cat.jpg',
      ),
      name: fc.oneof(
        { arbitrary: fc.string({ maxLength: 20 }), weight: 4 },
        fc.constant(null),
        fc.integer(),
      ),
    },
    { requiredKeys: ['assetType', 'url'] },
  )
  .map((o) => new TextEncoder().encode(JSON.stringify(o)));

describe('standalone server under random input', () => {
  it(
    'answers every random upload with a valid envelope and stays up',
    async () => {
      let successes = 0;
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            fc.uint8Array({ maxLength: 512 }),
            fc.json().map((j) => new TextEncoder().encode(j)),
            { arbitrary: nearlyValidUpload, weight: 2 },
          ),
          // Weighted toward the valid header values, so valid requests are common.
          fc.option(
            fc.oneof({ arbitrary: fc.constant('application/json'), weight: 3 }, headerValue),
            { nil: undefined },
          ),
          fc.option(fc.oneof({ arbitrary: fc.constant('Bearer k'), weight: 3 }, headerValue), {
            nil: undefined,
          }),
          async (body, type, auth) => {
            const headers: Record<string, string> = {};
            if (type !== undefined) headers['content-type'] = type;
            if (auth !== undefined) headers.authorization = auth;
            const before = server.mock.store.size;
            const res = await fetch(`${server.url}/kyyVideo2/asset/upload`, {
              method: 'POST',
              headers,
              body,
            });
            const json: unknown = await res.json();
            // What the server saw: the headers as fetch normalised them, the body decoded as
            // UTF-8 with replacement characters (as Request.text() does).
            const expected = expectedUpload(new Headers(headers), new TextDecoder().decode(body));
            if (expected === 'success') {
              successes++;
              expect(UploadAssetResponse.parse(json).data.assetId).toBeTruthy();
              expect(server.mock.store.size).toBe(before + 1);
            } else {
              const failure = FailureResponse.parse(json);
              expect(failure.code).not.toBe(0);
              expect(failure.msg).toBeTruthy();
              if (expected === 'unreachable') expect(failure.code).toBe(1001);
              expect(server.mock.store.size).toBe(before);
            }
          },
        ),
        { numRuns: NUM_RUNS },
      );
      // Half the bodies are near-valid and most headers valid: the success side was checked.
      expect(successes).toBeGreaterThan(0);
      const alive = await fetch(`${server.url}/kyyVideo2/asset/x`, {
        headers: { authorization: 'Bearer k' },
      });
      expect(FailureResponse.parse(await alive.json()).code).toBe(-1);
    },
    PROPERTY_TIMEOUT_MS,
  );
});
