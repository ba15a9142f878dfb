import { ASSET_TYPES } from '@kyyvideo/contract';
import { describe, expect, it } from 'vitest';
import { validateUpload } from './validate-upload.js';

const JSON_TYPE = 'application/json';
const valid = { assetType: 'Image', url: 'https://example.com/cat.jpg', name: 'Cat Image' };
const check = (body: unknown, contentType: string | null = JSON_TYPE) =>
  validateUpload(contentType, typeof body === 'string' ? body : JSON.stringify(body));
const msgOf = (body: unknown, contentType?: string | null) => {
  const result = check(body, contentType);
  if (result.ok) throw new Error('expected a validation failure');
  return result.msg;
};

describe('validateUpload', () => {
  it('accepts the documented body, with or without name, and charset parameters', () => {
    expect(check(valid)).toEqual({ ok: true, value: valid });
    expect(check({ assetType: 'Video', url: 'http://example.com/v.mp4' })).toMatchObject({
      ok: true,
    });
    expect(check(valid, 'Application/JSON; charset=utf-8')).toMatchObject({ ok: true });
    for (const assetType of ASSET_TYPES) expect(check({ ...valid, assetType }).ok).toBe(true);
  });

  it.each([
    ['image', 'Image'],
    ['VIDEO', 'Video'],
    ['audio', 'Audio'],
    [' document', 'Document'],
  ])('names the right spelling for assetType %j', (wrong, right) => {
    expect(msgOf({ ...valid, assetType: wrong })).toContain(`did you mean '${right}'`);
  });

  it('lists the allowed types for an unknown or missing assetType', () => {
    for (const body of [
      { ...valid, assetType: 'Photo' },
      { url: valid.url },
      { ...valid, assetType: 3 },
    ]) {
      const msg = msgOf(body);
      for (const t of ASSET_TYPES) expect(msg).toContain(t);
    }
  });

  it.each([
    [undefined, 'url is required'],
    [42, 'url has the wrong type'],
    ['cat.jpg', 'absolute URL with scheme and host'],
    ['/images/cat.jpg', 'absolute URL with scheme and host'],
    ['', 'url is required'],
    ['https://example.com/a cat.jpg', 'Remove the spaces'],
    ['ht\ttps://example.com/cat.jpg', 'Remove the spaces'],
    ['https://example.com/cat.jpg\r\nX: 1', 'Remove the spaces'],
    ['https://example.com/\u0000.jpg', 'Remove the spaces'],
    ['https:example.com/cat.jpg', 'with "//" and a host'],
    [`https://example.com/${'a'.repeat(900_000)}`, 'Keep it to 4096 characters'],
    ['ftp://example.com/cat.jpg', 'http:// or https://'],
    ['javascript:alert(1)', 'http:// or https://'],
    ['data:image/png;base64,AAAA', 'http:// or https://'],
  ])('rejects url %j', (url, expected) => {
    expect(msgOf({ ...valid, url })).toContain(expected);
  });

  it.each([[null], [1], [['a']], [{}], [true]])('rejects name %j', (name) => {
    expect(msgOf({ ...valid, name })).toContain('name has the wrong type');
  });

  it('reports every problem in one message', () => {
    const msg = msgOf({ assetType: 'image', url: 'nope', name: 5 });
    expect(msg).toContain('assetType');
    expect(msg).toContain('url');
    expect(msg).toContain('name');
  });

  it('rejects wrong or missing content types, saying which to use', () => {
    for (const type of [
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data',
      null,
    ]) {
      expect(msgOf(valid, type)).toContain('Content-Type must be application/json');
    }
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['{"assetType":', 'not valid JSON'],
    ["{'assetType':'Image'}", 'not valid JSON'],
    ['[]', 'must be a JSON object'],
    ['null', 'must be a JSON object'],
    ['"Image"', 'must be a JSON object'],
  ])('rejects the body %j', (body, expected) => {
    expect(msgOf(body)).toContain(expected);
  });

  it('refuses a name longer than the limit (a 1 MiB name is not a label)', () => {
    expect(msgOf({ ...valid, name: 'n'.repeat(1024 * 1024) })).toContain(
      'Keep it to 255 characters',
    );
  });

  it('keeps echoed values short', () => {
    const msg = msgOf({ ...valid, assetType: 'x'.repeat(10_000) });
    expect(msg.length).toBeLessThan(300);
  });
});
