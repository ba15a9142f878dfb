import { describe, expect, it } from 'vitest';
import { createOpenApiValidator } from './openapi-validator.js';

const validator = createOpenApiValidator();
const ID = 'asset-20260330142158-q75m8';
const ASSET = {
  name: 'Cat Image',
  assetId: ID,
  status: 'Processing',
  assetType: 'Image',
  url: 'https://example.com/cat.jpg',
  createTime: '2026-03-30 14:21:58',
};

describe('findOperation', () => {
  it.each([
    ['POST', 'https://zcbservice.aizfw.cn/kyyReactApiServer/kyyVideo2/asset/upload', 'uploadAsset'],
    ['GET', `http://127.0.0.1:4010/kyyReactApiServer/kyyVideo2/asset/${ID}`, 'getAsset'],
    ['DELETE', `/kyyReactApiServer/kyyVideo2/asset/${ID}`, 'deleteAsset'],
  ])('maps %s %s to %s', (method, url, id) => {
    expect(validator.findOperation(method, url)?.id).toBe(id);
  });

  it('finds nothing for a method or path the spec does not have', () => {
    expect(
      validator.findOperation('PUT', '/kyyReactApiServer/kyyVideo2/asset/upload'),
    ).toBeUndefined();
    expect(validator.findOperation('GET', '/kyyReactApiServer/kyyVideo2/assets')).toBeUndefined();
  });
});

describe('validateResponse', () => {
  it('accepts the documented success and failure shapes', () => {
    expect(
      validator.validateResponse('getAsset', 200, { code: 0, msg: null, data: ASSET }).errors,
    ).toEqual([]);
    expect(validator.validateResponse('getAsset', 200, { code: -1, msg: 'x', data: null }).ok).toBe(
      true,
    );
    expect(
      validator.validateResponse('deleteAsset', 200, { code: '0', msg: '删除成功', data: null }).ok,
    ).toBe(true);
  });

  it('rejects code 0 without data, although the failure schema alone would admit it', () => {
    const result = validator.validateResponse('uploadAsset', 200, {
      code: 0,
      msg: null,
      data: null,
    });
    expect(result.ok).toBe(false);
    expect(result.errors.join('\n')).toMatch(/code 0 means success/);
  });

  it('rejects the number 0 on delete, where the docs send the string "0"', () => {
    expect(
      validator.validateResponse('deleteAsset', 200, { code: 0, msg: '删除成功', data: null }).ok,
    ).toBe(false);
  });

  it('says where a success body breaks the schema', () => {
    const result = validator.validateResponse('getAsset', 200, {
      code: 0,
      msg: null,
      data: { ...ASSET, status: 'Ready' },
    });
    expect(result.ok).toBe(false);
    expect(result.errors.join('\n')).toMatch(
      /body\/data\/status must be equal to one of the allowed values/,
    );
  });

  it('holds ids and times to their documented patterns', () => {
    const badId = { code: 0, msg: null, data: { assetId: 'asset-1' } };
    expect(validator.validateResponse('uploadAsset', 200, badId).ok).toBe(false);
    const badTime = { code: 0, msg: null, data: { ...ASSET, createTime: '2026-03-30T14:21:58Z' } };
    expect(validator.validateResponse('getAsset', 200, badTime).ok).toBe(false);
  });

  it('uses the default (failure envelope) response for other statuses', () => {
    expect(
      validator.validateResponse('getAsset', 401, { code: 401, msg: 'no', data: null }).ok,
    ).toBe(true);
    expect(validator.validateResponse('getAsset', 500, '<html>').ok).toBe(false);
  });
});

describe('validateRequestBody', () => {
  it('accepts the documented request and rejects a wrong-case type or a non-URL', () => {
    const request = { assetType: 'Image', url: 'https://example.com/cat.jpg', name: 'Cat Image' };
    expect(validator.validateRequestBody('uploadAsset', request).ok).toBe(true);
    expect(
      validator.validateRequestBody('uploadAsset', { ...request, assetType: 'image' }).ok,
    ).toBe(false);
    expect(validator.validateRequestBody('uploadAsset', { ...request, url: 'cat.jpg' }).ok).toBe(
      false,
    );
  });
});

describe('validateComponent', () => {
  it('validates against a named schema, and refuses a name the spec lacks', () => {
    expect(validator.validateComponent('AssetId', ID).ok).toBe(true);
    expect(validator.validateComponent('AssetId', 'asset-20260330142158-Q75M8').ok).toBe(false);
    expect(() => validator.validateComponent('Nope', 1)).toThrow(/no schema Nope/);
  });
});
