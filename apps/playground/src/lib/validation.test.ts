import { describe, expect, it } from 'vitest';
import { isPrivateHost, parseAssetIdInput, validateUpload } from './validation.js';

const ok = { assetType: 'Image', url: 'https://example.com/cat.jpg', name: 'Cat Image' };

describe('validateUpload', () => {
  it('accepts a documented request and keeps the name as typed, spaces included', () => {
    expect(validateUpload({ ...ok, name: '  Cat Image ' }, 'browser-mock')).toEqual({
      ok: true,
      input: { assetType: 'Image', url: 'https://example.com/cat.jpg', name: '  Cat Image ' },
      warnings: [],
    });
  });

  it('leaves an empty name field out of the request', () => {
    const result = validateUpload({ ...ok, name: '' }, 'browser-mock');
    expect(result.ok && result.input).toEqual({
      assetType: 'Image',
      url: 'https://example.com/cat.jpg',
    });
  });

  it("refuses a name of only spaces with the contract's hint to leave it out", () => {
    const result = validateUpload({ ...ok, name: '   ' }, 'browser-mock');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors.name).toMatch(/leave it out/);
  });

  it('asks for a URL when it is missing', () => {
    const result = validateUpload({ ...ok, url: ' ' }, 'browser-mock');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors.url).toMatch(/^Enter the file's URL/);
  });

  it('explains a URL without a scheme and one with the wrong scheme', () => {
    const relative = validateUpload({ ...ok, url: 'example.com/cat.jpg' }, 'browser-mock');
    expect(!relative.ok && relative.errors.url).toMatch(
      /Give an absolute URL with scheme and host, like https:\/\//,
    );
    const ftp = validateUpload({ ...ok, url: 'ftp://example.com/cat.jpg' }, 'browser-mock');
    expect(!ftp.ok && ftp.errors.url).toMatch(/Use an http:\/\/ or https:\/\/ URL.*ftp:/);
    const spaced = validateUpload({ ...ok, url: 'https://example.com/my cat.jpg' }, 'browser-mock');
    expect(!spaced.ok && spaced.errors.url).toMatch(/Remove the spaces/);
    const padded = validateUpload({ ...ok, url: ' https://example.com/cat.jpg\n' }, 'browser-mock');
    expect(!padded.ok && padded.errors.url).toMatch(/Remove the spaces/);
  });

  it('refuses a name longer than the limit every consumer applies', () => {
    const result = validateUpload({ ...ok, name: 'n'.repeat(256) }, 'browser-mock');
    expect(!result.ok && result.errors.name).toMatch(/Keep it to 255 characters/);
  });

  it('rejects a type in the wrong case, listing the exact names', () => {
    const result = validateUpload({ ...ok, assetType: 'image' }, 'browser-mock');
    expect(!result.ok && result.errors.assetType).toBe(
      'Choose a type: Image, Video, Audio, Document (exactly as written).',
    );
  });

  it('reports every field the contract refuses at once, so one round of fixes is enough', () => {
    const result = validateUpload(
      { assetType: 'Picture', url: 'ftp://example.com/cat.jpg', name: ' ' },
      'browser-mock',
    );
    expect(!result.ok && Object.keys(result.errors).sort()).toEqual(['assetType', 'name', 'url']);
    expect(result.warnings).toEqual([]);
  });

  it('warns, without blocking, about private hosts on the real service only', () => {
    const local = { ...ok, url: 'http://localhost:8080/cat.jpg' };
    const real = validateUpload(local, 'real');
    expect(real.ok).toBe(true);
    expect(real.warnings.join()).toMatch(/"localhost" will not be reachable/);
    expect(validateUpload(local, 'browser-mock').warnings).toEqual([]);
  });

  it('warns about extensions the docs do not list for the type', () => {
    const result = validateUpload({ ...ok, url: 'https://example.com/cat.svg' }, 'browser-mock');
    expect(result.ok).toBe(true);
    expect(result.warnings).toEqual([
      'The documentation lists jpeg, png, webp, bmp, tiff, gif for Image; ".svg" may be rejected in review.',
    ]);
  });

  it('reads .jpg and .tif as the documented jpeg and tiff, and checks audio formats', () => {
    for (const url of ['https://example.com/a.JPG', 'https://example.com/a.tif']) {
      expect(validateUpload({ ...ok, url }, 'browser-mock').warnings).toEqual([]);
    }
    const audio = { ...ok, assetType: 'Audio' };
    expect(
      validateUpload({ ...audio, url: 'https://example.com/a.mp3' }, 'browser-mock').warnings,
    ).toEqual([]);
    expect(
      validateUpload({ ...audio, url: 'https://example.com/a.ogg' }, 'browser-mock').warnings,
    ).toEqual(['The documentation lists wav, mp3 for Audio; ".ogg" may be rejected in review.']);
  });
});

describe('isPrivateHost', () => {
  it.each([
    'localhost',
    '127.0.0.1',
    '10.1.2.3',
    '192.168.0.9',
    '172.20.0.1',
    '[::1]',
    'nas.local',
  ])('%s is private', (host) => expect(isPrivateHost(host)).toBe(true));
  it.each(['example.com', '172.32.0.1', '8.8.8.8'])('%s is public', (host) =>
    expect(isPrivateHost(host)).toBe(false),
  );
});

describe('parseAssetIdInput', () => {
  const id = 'asset-20260330142158-q75m8';

  it('accepts an id or its asset:// reference, as pasted', () => {
    expect(parseAssetIdInput(id)).toEqual({ ok: true, assetId: id });
    expect(parseAssetIdInput(`asset://${id}`)).toEqual({ ok: true, assetId: id });
    expect(parseAssetIdInput(` ${id} `)).toEqual({
      ok: false,
      error: 'Remove the whitespace around the asset id.',
    });
  });

  it('says what an id looks like when given something else', () => {
    const result = parseAssetIdInput('asset-123');
    expect(!result.ok && result.error).toMatch(
      /^This is not an asset id: expected "asset-", 14 digits.*asset-20260330142158-q75m8/,
    );
    expect(parseAssetIdInput('').ok).toBe(false);
    expect(parseAssetIdInput('asset://nope').ok).toBe(false);
  });
});
