import { describe, expect, it } from 'vitest';
import { detailRequest, isSuccessEnvelope, splitBaseUrl, uploadRequest } from './api-requests.js';

describe('request builders', () => {
  it('keep the base path of the mock and drop nothing for Prism', () => {
    expect(splitBaseUrl('http://127.0.0.1:4010/kyyReactApiServer/')).toEqual({
      origin: 'http://127.0.0.1:4010',
      prefix: '/kyyReactApiServer',
    });
    expect(uploadRequest('http://127.0.0.1:9/kyyReactApiServer').path).toBe(
      '/kyyReactApiServer/kyyVideo2/asset/upload',
    );
    expect(detailRequest('http://127.0.0.1:9', 'asset-20260330142158-q75m8').path).toBe(
      '/kyyVideo2/asset/asset-20260330142158-q75m8',
    );
  });
});

describe('isSuccessEnvelope', () => {
  it('accepts code 0 and "0" only with HTTP 200', () => {
    expect(isSuccessEnvelope(200, '{"code":0,"msg":null,"data":{}}')).toBe(true);
    expect(isSuccessEnvelope(200, '{"code":"0","msg":"ok","data":null}')).toBe(true);
    expect(isSuccessEnvelope(200, '{"code":-1,"msg":"x","data":null}')).toBe(false);
    expect(isSuccessEnvelope(429, '{"code":0,"msg":null,"data":{}}')).toBe(false);
    expect(isSuccessEnvelope(200, '{"code":0')).toBe(false);
  });
});
