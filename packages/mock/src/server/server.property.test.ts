import { FailureResponse, UploadAssetResponse } from '@kyyvideo/contract';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningMockServer, startMockServer } from './index.js';

// The HTTP bridge sees raw bytes and headers that in-process tests never produce: random binary
// bodies (invalid UTF-8 included), odd methods and header values. The server must answer each
// with a well-formed envelope and keep running.

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

describe('standalone server under random input', () => {
  it(
    'answers every random upload with a valid envelope and stays up',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            fc.uint8Array({ maxLength: 512 }),
            fc.json().map((j) => new TextEncoder().encode(j)),
          ),
          fc.option(fc.oneof(fc.constant('application/json'), headerValue), { nil: undefined }),
          fc.option(fc.oneof(fc.constant('Bearer k'), headerValue), { nil: undefined }),
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
            if ((json as { code?: unknown }).code === 0) {
              UploadAssetResponse.parse(json);
              expect(server.mock.store.size).toBe(before + 1);
            } else {
              expect(FailureResponse.parse(json).msg).toBeTruthy();
              expect(server.mock.store.size).toBe(before);
            }
          },
        ),
        { numRuns: NUM_RUNS },
      );
      const alive = await fetch(`${server.url}/kyyVideo2/asset/x`, {
        headers: { authorization: 'Bearer k' },
      });
      expect(FailureResponse.parse(await alive.json()).code).toBe(-1);
    },
    PROPERTY_TIMEOUT_MS,
  );
});
