import {
  ASSET_TYPES,
  DeleteAssetResponse,
  FailureResponse,
  GetAssetResponse,
  UploadAssetResponse,
} from '@kyyvideo/contract';
import fc from 'fast-check';
import { getResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { BASE, DOCS_UPLOAD } from '../test/support.js';
import { expectedUpload } from '../test/upload-oracle.js';
import { createMock } from './create-mock.js';
import { SCENARIO_HEADER, SCENARIOS } from './scenarios.js';

// Thousands of random and malformed requests: the mock must never throw, must always answer a
// well-formed envelope, and must succeed exactly when the input is valid. The oracle below is
// written from the docs and the contract, not from the mock's code.

const NUM_RUNS = 1_000;
// Each run goes through msw's full handler lookup (~1 ms); the generous timeout only matters on
// a loaded CI machine and asserts nothing about speed.
const PROPERTY_TIMEOUT_MS = 60_000;

/** Printable ASCII without CR/LF: anything a real HTTP header value can carry. */
const headerText = fc
  .string({ unit: 'grapheme-ascii', maxLength: 40 })
  .filter((s) => /^[\x20-\x7e\t]*$/.test(s));

const caseVariant = fc
  .tuple(fc.constantFrom(...ASSET_TYPES), fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }))
  .map(([t, flips]) =>
    [...t].map((c, i) => (flips[i] ? c.toUpperCase() : c.toLowerCase())).join(''),
  );

const urlLike = fc.oneof(
  fc.webUrl(),
  fc.constantFrom(
    'https://example.com/cat.jpg',
    'https://cdn.invalid/cat.jpg',
    'ftp://example.com/a.png',
    'mailto:a@example.com',
    'cat.jpg',
    '//example.com/a.png',
    'http://',
    '',
  ),
  fc.string(),
);

const uploadObject = fc.record(
  {
    assetType: fc.oneof(fc.constantFrom(...ASSET_TYPES), caseVariant, fc.string(), fc.jsonValue()),
    url: fc.oneof(urlLike, fc.jsonValue()),
    name: fc.oneof(fc.string(), fc.jsonValue()),
    extra: fc.jsonValue(),
  },
  { requiredKeys: [] },
);

const bodyText = fc.oneof(
  uploadObject.map((o) => JSON.stringify(o)),
  fc.json(),
  fc.string(),
  fc.constantFrom(
    '',
    '{',
    '{"assetType":"Image"',
    'null',
    '[]',
    '{"url":1}',
    '\u0000',
    '{"__proto__":{"x":1}}',
  ),
);

const contentType = fc.option(
  fc.oneof(
    fc.constantFrom(
      'application/json',
      'application/json; charset=utf-8',
      'APPLICATION/JSON',
      'text/plain',
    ),
    fc.constantFrom(
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/jsonx',
    ),
    headerText,
  ),
  { nil: null },
);

const authorization = fc.option(
  fc.oneof(
    fc.constantFrom('Bearer test-key', 'bearer k', 'Bearer ', 'Bearer', 'Basic abc', 'Token x'),
    headerText,
    headerText.map((t) => `Bearer ${t}`),
  ),
  { nil: null },
);

function headersOf(entries: Record<string, string | null>): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(entries)) if (value !== null) headers.set(name, value);
  return headers;
}

async function answer(mock: ReturnType<typeof createMock>, request: Request): Promise<Response> {
  const response = await getResponse(mock.handlers, request);
  if (!response) throw new Error(`unanswered ${request.method} ${request.url}`);
  return response;
}

describe('random uploads', () => {
  it(
    'always get a valid envelope, and succeed exactly when the input is valid',
    async () => {
      await fc.assert(
        fc.asyncProperty(bodyText, contentType, authorization, async (text, type, auth) => {
          const mock = createMock();
          const headers = headersOf({ 'content-type': type, authorization: auth });
          const request = new Request(`${BASE}/kyyVideo2/asset/upload`, {
            method: 'POST',
            headers,
            body: text,
          });
          const response = await answer(mock, request);
          const json: unknown = await response.json();
          const expected = expectedUpload(headers, text);
          if (expected === 'success') {
            expect(UploadAssetResponse.parse(json).data.assetId).toBe(
              mock.store.list()[0]?.assetId,
            );
            expect(mock.store.size).toBe(1);
            return;
          }
          const failure = FailureResponse.parse(json);
          expect(failure.code).not.toBe(0);
          expect(failure.msg?.length ?? 0).toBeGreaterThan(0);
          expect(response.status).toBe(failure.code === 401 ? 401 : 200);
          if (expected === 'unreachable') expect(failure.code).toBe(1001);
          expect(mock.store.size).toBe(0);
        }),
        { numRuns: NUM_RUNS },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );
});

describe('random requests', () => {
  const method = fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS');
  const segment = fc.oneof(
    fc.constantFrom(
      'kyyVideo2',
      'asset',
      'upload',
      '..',
      '.',
      '%ZZ',
      '%2F',
      'asset-20260330142158-q75m8',
    ),
    fc.string({ maxLength: 30 }),
  );
  const scenario = fc.option(
    fc.oneof(fc.constantFrom(...SCENARIOS.filter((s) => s !== 'latency')), headerText),
    {
      nil: null,
    },
  );

  it(
    'never crash and always answer the envelope, a documented fault or nothing outside the base path',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          method,
          fc.array(segment, { maxLength: 5 }),
          fc.boolean(),
          authorization,
          scenario,
          fc.option(fc.string({ maxLength: 200 }), { nil: undefined }),
          async (verb, segments, useExisting, auth, chosen, body) => {
            const mock = createMock();
            const existing = mock.store.create(DOCS_UPLOAD).assetId;
            const path = useExisting
              ? ['kyyVideo2', 'asset', existing]
              : segments.map(encodeURIComponent);
            const request = new Request(`${BASE}/${path.join('/')}`, {
              method: verb,
              headers: headersOf({
                authorization: auth,
                [SCENARIO_HEADER]: chosen,
                'content-type': 'application/json',
              }),
              body: verb === 'GET' || verb === 'HEAD' ? undefined : body,
            });
            const response = await getResponse(mock.handlers, request);
            if (!new URL(request.url).pathname.startsWith('/kyyReactApiServer')) {
              // Dot segments (`..`) can walk the URL out of the base path: not the mock's business.
              expect(response).toBeUndefined();
              return;
            }
            if (!response) throw new Error(`unanswered ${verb} ${request.url}`);
            const picked = chosen?.trim().toLowerCase();
            if (response.type === 'error') {
              expect(picked).toBe('drop-connection');
              return;
            }
            const text = await response.text();
            if (response.status === 502) {
              expect(picked).toBe('bad-gateway');
              return;
            }
            let json: unknown;
            try {
              json = JSON.parse(text);
            } catch {
              expect(picked).toBe('malformed-json');
              return;
            }
            const code = (json as { code?: unknown }).code;
            if (code === 0 && (json as { data?: unknown }).data === null) {
              expect(picked).toBe('success-without-data');
            } else if (code === 0) {
              const schema = verb === 'POST' ? UploadAssetResponse : GetAssetResponse;
              schema.parse(json);
            } else if (code === '0') {
              DeleteAssetResponse.parse(json);
              expect(verb).toBe('DELETE');
              expect(useExisting).toBe(true);
            } else {
              expect(FailureResponse.parse(json).msg).toBeTruthy();
            }
          },
        ),
        { numRuns: NUM_RUNS },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'never answer success for a malformed asset id',
    async () => {
      const mock = createMock();
      mock.store.create(DOCS_UPLOAD);
      await fc.assert(
        fc.asyncProperty(
          fc.string({ maxLength: 40 }),
          fc.constantFrom('GET', 'DELETE'),
          async (id, verb) => {
            // `.` and `..` are dot segments that URL parsing removes, so they never reach an asset route.
            fc.pre(!['', '.', '..'].includes(id) && !mock.store.has(id));
            const request = new Request(`${BASE}/kyyVideo2/asset/${encodeURIComponent(id)}`, {
              method: verb,
              headers: { authorization: 'Bearer k' },
            });
            const json: unknown = await (await answer(mock, request)).json();
            expect(FailureResponse.parse(json).code).toBe(-1);
          },
        ),
        { numRuns: NUM_RUNS },
      );
      expect(mock.store.size).toBe(1);
    },
    PROPERTY_TIMEOUT_MS,
  );
});
