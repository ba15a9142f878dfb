import { describe, expect, it } from 'vitest';
import { ASSET_ID, assetBody, DELETE_OK, UPLOAD_OK } from '../test/helpers/fake-fetch.js';
import {
  type Answer,
  type InterpretContext,
  interpretDelete,
  interpretGet,
  interpretUpload,
} from './envelope.js';
import {
  KyyApiError,
  KyyAuthenticationError,
  KyyInvalidResponseError,
  KyyNotFoundError,
  KyyRateLimitError,
  KyyServerError,
  KyyTimeoutError,
  KyyUrlUnreachableError,
} from './errors.js';

function answer(body: unknown, status = 200, headers: Record<string, string> = {}): Answer {
  // Like openapi-fetch with parseAs 'text': text for 2xx, parsed JSON (or text) otherwise.
  const isOk = status >= 200 && status < 300;
  return {
    status,
    statusText: '',
    headers: new Headers(headers),
    body: isOk && typeof body !== 'string' ? JSON.stringify(body) : body,
  };
}

const strict = (operation: InterpretContext['operation']): InterpretContext => ({
  operation,
  validate: 'strict',
  redact: (t) => t.split('SECRET').join('[redacted]'),
  assetId: ASSET_ID,
});
const off = (operation: InterpretContext['operation']): InterpretContext => ({
  ...strict(operation),
  validate: 'off',
});

describe('success', () => {
  it('accepts the documented success of each operation', () => {
    expect(interpretUpload(answer(UPLOAD_OK), strict('upload'))).toEqual({ assetId: ASSET_ID });
    const { asset, statusKnown } = interpretGet(answer(assetBody('Active')), strict('get'));
    expect(asset).toEqual(assetBody('Active').data);
    expect(statusKnown).toBe(true);
    expect(() => interpretDelete(answer(DELETE_OK), strict('delete'))).not.toThrow();
  });

  it('treats both 0 and "0" as the success code', () => {
    expect(interpretUpload(answer({ ...UPLOAD_OK, code: '0' }), strict('upload'))).toEqual({
      assetId: ASSET_ID,
    });
    expect(() =>
      interpretDelete(answer({ ...DELETE_OK, code: 0 }), strict('delete')),
    ).not.toThrow();
    expect(() =>
      interpretDelete(answer({ ...DELETE_OK, msg: 'success' }), strict('delete')),
    ).not.toThrow();
  });

  it('tolerates unknown extra fields and returns only documented ones', () => {
    const body = assetBody('Active', { thumbnail: 'x' });
    const { asset } = interpretGet(answer({ ...body, traceId: 'abc' }), strict('get'));
    expect(asset).not.toHaveProperty('thumbnail');
    expect(asset.assetId).toBe(ASSET_ID);
  });

  it('reports an unknown status as statusKnown: false instead of failing', () => {
    const { asset, statusKnown } = interpretGet(answer(assetBody('Reviewing')), strict('get'));
    expect(statusKnown).toBe(false);
    expect(asset.status).toBe('Reviewing');
  });
});

describe('HTTP 200 that is not a success', () => {
  it.each([
    [{ code: 1001, msg: '<asset URL cannot be accessed>', data: null }, KyyUrlUnreachableError],
    [{ code: -1, msg: 'asset not found', data: null }, KyyNotFoundError],
    [{ code: '-1', msg: 'asset not found', data: null }, KyyNotFoundError],
    [{ code: 401, msg: 'bad token', data: null }, KyyAuthenticationError],
    [{ code: 400, msg: 'assetType invalid', data: null }, KyyApiError],
  ])('%j → %o', (body, type) => {
    const run = () => interpretGet(answer(body), strict('get'));
    expect(run).toThrow(type);
    try {
      run();
    } catch (error) {
      expect(error).toMatchObject({ code: body.code, msg: body.msg, httpStatus: 200 });
    }
  });

  it('says what to do next', () => {
    expect(() =>
      interpretUpload(answer({ code: 1001, msg: 'x', data: null }), strict('upload')),
    ).toThrow(/make sure the URL is public/i);
    expect(() => interpretGet(answer({ code: -1, msg: null, data: null }), strict('get'))).toThrow(
      /Check the id/,
    );
  });

  it.each([
    ['malformed JSON', '{"code":0,'],
    ['a JSON array', '[]'],
    ['an envelope without code', '{"msg":null,"data":{}}'],
    ['success without data', '{"code":0,"msg":null,"data":null}'],
  ])('rejects %s as an invalid response', (_, text) => {
    expect(() => interpretUpload(answer(text), strict('upload'))).toThrow(KyyInvalidResponseError);
    expect(() => interpretUpload(answer(text), off('upload'))).toThrow(KyyInvalidResponseError);
  });

  it('checks data against the contract only in strict mode', () => {
    const body = { code: 0, msg: null, data: { assetId: 'not-an-asset-id' } };
    expect(() => interpretUpload(answer(body), strict('upload'))).toThrow(/data\.assetId/);
    expect(interpretUpload(answer(body), off('upload'))).toEqual({ assetId: 'not-an-asset-id' });
    // The undocumented id is kept on the error: the asset it names probably exists.
    expect(() => interpretUpload(answer(body), strict('upload'))).toThrow(
      expect.objectContaining({ assetId: 'not-an-asset-id' }),
    );
    const broken = assetBody('Active', { createTime: 'yesterday' });
    expect(() => interpretGet(answer(broken), strict('get'))).toThrow(KyyInvalidResponseError);
    expect(interpretGet(answer(broken), off('get')).asset.createTime).toBe('yesterday');
    expect(() =>
      interpretDelete(answer({ code: '0', msg: null, data: null }), strict('delete')),
    ).toThrow(KyyInvalidResponseError);
  });
});

describe('HTTP failures', () => {
  it('maps statuses to typed errors', () => {
    const cases: Array<[number, unknown, unknown]> = [
      [401, { code: 401, msg: 'unauthorized', data: null }, KyyAuthenticationError],
      [403, 'Forbidden', KyyAuthenticationError],
      [408, '', KyyTimeoutError],
      [429, { code: 429, msg: 'slow down', data: null }, KyyRateLimitError],
      [500, { code: 500, msg: 'boom', data: null }, KyyServerError],
      [502, '<html>Bad Gateway</html>', KyyServerError],
      [404, '<html>Not Found</html>', KyyApiError],
    ];
    for (const [status, body, type] of cases) {
      expect(() => interpretGet(answer(body, status), strict('get')), `HTTP ${status}`).toThrow(
        type as new () => Error,
      );
    }
  });

  it('reads Retry-After on 429 and 5xx', () => {
    try {
      interpretGet(answer('', 429, { 'retry-after': '7' }), strict('get'));
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(KyyRateLimitError);
      expect((error as KyyRateLimitError).retryAfterMs).toBe(7000);
      expect((error as Error).message).toMatch(/Wait 7 s/);
    }
    try {
      interpretGet(answer('', 503, { 'retry-after': '2' }), strict('get'));
      expect.unreachable();
    } catch (error) {
      expect((error as KyyServerError).retryAfterMs).toBe(2000);
    }
  });

  it('points at baseUrl when a non-API page answers', () => {
    expect(() => interpretGet(answer('<html/>', 404), strict('get'))).toThrow(/baseUrl/);
  });
});

it('redacts the key from anything the service sends back', () => {
  try {
    interpretGet(
      answer({ code: 401, msg: 'token SECRET is invalid', data: null }, 401),
      strict('get'),
    );
    expect.unreachable();
  } catch (error) {
    expect((error as KyyAuthenticationError).msg).toBe('token [redacted] is invalid');
    expect((error as Error).message).not.toContain('SECRET');
  }
});
