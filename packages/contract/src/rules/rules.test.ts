import { describe, expect, it } from 'vitest';
import {
  checkAssetIdOrRef,
  checkAssetType,
  checkName,
  checkUpload,
  checkUrl,
  EXAMPLE_ASSET_ID,
  EXAMPLE_ASSET_REF,
  MAX_NAME_LENGTH,
  MAX_URL_LENGTH,
  parseAssetIdOrRef,
} from './index.js';

describe('checkAssetType', () => {
  it('accepts the four types in exact case', () => {
    for (const type of ['Image', 'Video', 'Audio', 'Document'])
      expect(checkAssetType(type)).toEqual([]);
  });
  it('refuses another case with a "did you mean"', () => {
    const [problem] = checkAssetType('image');
    expect(problem).toMatchObject({ field: 'assetType', kind: 'unknown-value', value: 'image' });
    expect(problem?.hint).toMatch(/did you mean 'Image'/);
  });
  it('refuses an unknown type, a missing one and a non-string', () => {
    expect(checkAssetType('Picture')[0]?.hint).toMatch(/Image, Video, Audio, Document/);
    expect(checkAssetType(undefined)[0]?.kind).toBe('missing');
    expect(checkAssetType(3)[0]?.kind).toBe('type');
  });
});

describe('checkUrl', () => {
  it.each([
    'https://example.com/cat.jpg',
    'http://127.0.0.1:8080/a.png',
    'https://example.com/a%20b.png?x=1#y',
  ])('accepts %j', (url) => expect(checkUrl(url)).toEqual([]));

  it.each([
    ['https://example.com/a b.png', 'format'],
    [' https://example.com/a.png', 'format'],
    ['https://example.com/a.png\n', 'format'],
    ['ht\ttps://example.com/a.png', 'format'],
    ['https://example.com/\r\nX-Evil: 1', 'format'],
    ['https://example.com/\u0000', 'format'],
    ['https:example.com/a.png', 'format'],
    ['https:/example.com/a.png', 'format'],
    ['ftp://example.com/a.png', 'format'],
    ['javascript:alert(1)', 'format'],
    ['example.com/a.png', 'format'],
    ['/relative.png', 'format'],
    [`https://example.com/${'a'.repeat(MAX_URL_LENGTH)}`, 'too-long'],
    ['', 'missing'],
    [42, 'type'],
  ])('refuses %j as %s', (url, kind) => {
    const problems = checkUrl(url);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ field: 'url', kind, severity: 'error' });
  });

  it('tells text that is no URL at all what a URL looks like, and a URL with a space to drop it', () => {
    for (const text of ['not a url', 'cat picture.jpg', ' a b '])
      expect(checkUrl(text)[0]?.hint).toBe(
        'Give an absolute URL with scheme and host, like https://example.com/cat.jpg.',
      );
    for (const url of [
      'https://example.com/a b.png',
      'ht\ttps://example.com/a.png',
      ' https://x.io/',
    ])
      expect(checkUrl(url)[0]?.hint).toMatch(/^Remove the spaces/);
  });

  it('quotes a shortened value with any password masked', () => {
    const [problem] = checkUrl('https://me:hunter2@example.com/a b');
    expect(problem?.value).toBe('https://me:[redacted]@example.com/a b');
    expect(checkUrl(`https://x.com/${'a'.repeat(5000)}`)[0]?.value?.length).toBeLessThan(100);
  });
});

describe('checkName', () => {
  it('accepts absence and a label at the limit', () => {
    expect(checkName(undefined)).toEqual([]);
    expect(checkName('x'.repeat(MAX_NAME_LENGTH))).toEqual([]);
  });
  it('refuses a longer label and a non-string', () => {
    expect(checkName('x'.repeat(MAX_NAME_LENGTH + 1))[0]?.kind).toBe('too-long');
    expect(checkName(5)[0]?.kind).toBe('type');
  });
  it.each(['', ' ', '\t\n'])(
    'refuses the empty or blank name %j with a hint to leave it out',
    (name) => {
      const [problem, ...rest] = checkName(name);
      expect(rest).toEqual([]);
      expect(problem).toMatchObject({ field: 'name', kind: 'format', severity: 'error' });
      expect(problem?.hint).toMatch(/leave it out/);
    },
  );
  it('accepts a name with spaces around it, as given', () => {
    expect(checkName('  Cat Image  ')).toEqual([]);
  });
});

describe('parseAssetIdOrRef', () => {
  it('accepts an id and its reference alike', () => {
    expect(parseAssetIdOrRef(EXAMPLE_ASSET_ID)).toEqual({ ok: true, assetId: EXAMPLE_ASSET_ID });
    expect(parseAssetIdOrRef(EXAMPLE_ASSET_REF)).toEqual({ ok: true, assetId: EXAMPLE_ASSET_ID });
  });
  it.each([
    '',
    ' asset-20260330142158-q75m8',
    '..',
    'asset-1',
    'asset://',
    'asset://cat.png',
    'asset-20260330142158-q75m8/../x',
    'asset://asset://asset-20260330142158-q75m8',
  ])('refuses %j', (value) => {
    const parsed = parseAssetIdOrRef(value);
    expect(parsed.ok).toBe(false);
    expect(checkAssetIdOrRef(value)).toHaveLength(1);
  });
});

describe('checkUpload', () => {
  it('accepts the documentation example', () => {
    expect(
      checkUpload({ assetType: 'Image', url: 'https://example.com/cat.jpg', name: 'Cat Image' }),
    ).toEqual([]);
  });
  it('reports every field at once', () => {
    const fields = checkUpload({ assetType: 'image', url: 'nope', name: 1 }).map((p) => p.field);
    expect(fields).toEqual(['assetType', 'url', 'name']);
  });
  it('refuses a non-object', () => expect(checkUpload(null)[0]?.field).toBe('body'));
});
