import { describe, expect, it } from 'vitest';
import { UsageError } from './errors.js';
import { parseAssetIdArg, parseAssetType, parseAssetUrl, parseIntegerInRange } from './validate.js';

describe('option parsers', () => {
  it('normalises the asset type whatever its case', () => {
    expect(parseAssetType('image')).toBe('Image');
    expect(parseAssetType(' DOCUMENT ')).toBe('Document');
    expect(() => parseAssetType('photo')).toThrow(
      /--type must be one of Image, Video, Audio, Document \(any case\); got "photo"/,
    );
  });

  it('accepts http(s) URLs only', () => {
    expect(parseAssetUrl('https://x.example/a.png')).toBe('https://x.example/a.png');
    expect(() => parseAssetUrl('x.example/a.png')).toThrow(/must be a full http\(s\) URL/);
    expect(() => parseAssetUrl('file:///etc/passwd')).toThrow(/must start with http/);
  });

  it('accepts an asset id or an asset:// reference', () => {
    const id = 'asset-20260330142158-q75m8';
    expect(parseAssetIdArg(id)).toBe(id);
    expect(parseAssetIdArg(`asset://${id}`)).toBe(id);
    expect(() => parseAssetIdArg('asset-1')).toThrow(UsageError);
    expect(() => parseAssetIdArg('asset://nope')).toThrow(UsageError);
  });

  it('checks whole numbers', () => {
    expect(parseIntegerInRange('8', '--concurrency', 1, 16)).toBe(8);
    expect(() => parseIntegerInRange('0', '--concurrency', 1, 16)).toThrow(/from 1 to 16; got "0"/);
    expect(() => parseIntegerInRange('2.5', '--concurrency', 1, 16)).toThrow(UsageError);
  });
});
