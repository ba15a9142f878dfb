import { describe, expect, it } from 'vitest';
import { UsageError } from './errors.js';
import { parseAssetIdArg, parseAssetName, parseAssetType, parseAssetUrl } from './validate.js';

describe('option parsers', () => {
  it("checks --name with the contract's rule: as given, never empty or blank", () => {
    expect(parseAssetName(' Cat Image ')).toBe(' Cat Image ');
    expect(() => parseAssetName('')).toThrow(UsageError);
    expect(() => parseAssetName(' \t')).toThrow(/^--name: .*leave it out/);
    expect(() => parseAssetName('n'.repeat(256))).toThrow(/^--name: Keep it to 255 characters/);
  });

  it('takes the asset type in the exact case the service requires, suggesting it otherwise', () => {
    expect(parseAssetType('Image')).toBe('Image');
    expect(() => parseAssetType('image')).toThrow(/--type: .*did you mean 'Image'\?/);
    expect(() => parseAssetType(' DOCUMENT ')).toThrow(/did you mean 'Document'\?/);
    expect(() => parseAssetType('photo')).toThrow(
      /--type: Use one of Image, Video, Audio, Document \(exact case\)\. \(got "photo"\)/,
    );
  });

  it('accepts http(s) URLs only, exactly as given', () => {
    expect(parseAssetUrl('https://x.example/a.png')).toBe('https://x.example/a.png');
    expect(() => parseAssetUrl('x.example/a.png')).toThrow(/--url: Give an absolute URL/);
    expect(() => parseAssetUrl('file:///etc/passwd')).toThrow(/Use an http:\/\/ or https:\/\/ URL/);
    expect(() => parseAssetUrl('https://x.example/a cat.png')).toThrow(/Remove the spaces/);
    expect(() => parseAssetUrl(' https://x.example/a.png')).toThrow(/Remove the spaces/);
  });

  it('accepts an asset id or an asset:// reference', () => {
    const id = 'asset-20260330142158-q75m8';
    expect(parseAssetIdArg(id)).toBe(id);
    expect(parseAssetIdArg(`asset://${id}`)).toBe(id);
    expect(() => parseAssetIdArg('asset-1')).toThrow(UsageError);
    expect(() => parseAssetIdArg('asset://nope')).toThrow(UsageError);
  });
});
