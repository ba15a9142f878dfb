import { checkUpload, MAX_NAME_LENGTH, parseAssetIdOrRef } from '@kyyvideo/contract';
import { describe, expect, it } from 'vitest';
import { KyyInputError } from './errors.js';
import { checkAssetId, checkUploadInput } from './input.js';

function inputMessage(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(KyyInputError);
    expect(error).toMatchObject({ operation: 'input' });
    return (error as Error).message;
  }
  throw new Error('expected a KyyInputError');
}

const url = 'https://example.com/cat.jpg';

describe('checkUploadInput', () => {
  it('passes good input through, dropping nothing documented', () => {
    expect(checkUploadInput({ assetType: 'Video', url, name: 'Clip' })).toEqual({
      assetType: 'Video',
      url,
      name: 'Clip',
    });
    expect(checkUploadInput({ assetType: 'Audio', url })).toEqual({ assetType: 'Audio', url });
  });

  it('hints at the right case for assetType', () => {
    expect(inputMessage(() => checkUploadInput({ assetType: 'image', url }))).toMatch(
      /did you mean 'Image'\?/,
    );
    expect(inputMessage(() => checkUploadInput({ assetType: 'DOCUMENT', url }))).toMatch(
      /did you mean 'Document'\?/,
    );
    expect(inputMessage(() => checkUploadInput({ assetType: 'Picture', url }))).toMatch(
      /Image, Video, Audio, Document \(exact case\)/,
    );
    expect(inputMessage(() => checkUploadInput({ url }))).toMatch(
      /assetType is not accepted: Give one of/,
    );
  });

  it.each([
    ['/cat.jpg', /absolute URL/],
    ['example.com/cat.jpg', /absolute URL/],
    ['ftp://example.com/cat.jpg', /http:\/\/ or https:\/\//],
    ['data:image/png;base64,AAAA', /http:\/\/ or https:\/\//],
    [' https://example.com/cat.jpg', /Remove the spaces/],
    ['https://example.com/a cat.jpg', /Remove the spaces/],
    ['ht\ttps://example.com/cat.jpg', /Remove the spaces/],
    ['https:example.com/cat.jpg', /"\/\/" and a host/],
    ['', /public http\(s\) URL/],
    [`https://example.com/${'a'.repeat(5000)}`, /Keep it to 4096/],
  ])('rejects url %j', (bad, message) => {
    expect(inputMessage(() => checkUploadInput({ assetType: 'Image', url: bad }))).toMatch(message);
  });

  it('limits name to a string of sane length', () => {
    expect(
      checkUploadInput({ assetType: 'Image', url, name: 'x'.repeat(MAX_NAME_LENGTH) }).name,
    ).toHaveLength(MAX_NAME_LENGTH);
    expect(
      inputMessage(() =>
        checkUploadInput({ assetType: 'Image', url, name: 'x'.repeat(MAX_NAME_LENGTH + 1) }),
      ),
    ).toMatch(/Keep it to 255/);
    expect(inputMessage(() => checkUploadInput({ assetType: 'Image', url, name: 7 }))).toMatch(
      /name is not accepted: Give the name as text/,
    );
  });

  it('names the batch item at fault', () => {
    expect(inputMessage(() => checkUploadInput({ assetType: 'video', url }, 'items[3].'))).toMatch(
      /^items\[3\]\.assetType/,
    );
    expect(inputMessage(() => checkUploadInput(null))).toMatch(/an object like/);
  });
});

describe('checkAssetId', () => {
  it('accepts an id or its asset:// reference, and returns the id', () => {
    expect(checkAssetId('asset-20260330142158-q75m8', 'get')).toBe('asset-20260330142158-q75m8');
    expect(checkAssetId('asset://asset-20260330142158-q75m8', 'get')).toBe(
      'asset-20260330142158-q75m8',
    );
  });

  it.each([
    ['', /Give an asset id/],
    ['  ', /whitespace/],
    [' asset-1', /whitespace/],
    ['.', /not an asset id/],
    ['..', /not an asset id/],
    ['weird/id?x#y', /not an asset id/],
    ['asset://cat.png', /after "asset:\/\/" is not an asset id/],
    ['a'.repeat(201), /not an asset id/],
  ])('rejects %j', (bad, message) => {
    expect(inputMessage(() => checkAssetId(bad, 'delete'))).toMatch(message);
  });

  it('rejects non-strings', () => {
    expect(inputMessage(() => checkAssetId(undefined, 'get'))).toMatch(/Give an asset id/);
  });
});

describe('the problems an input error carries', () => {
  const refusal = (run: () => unknown): KyyInputError => {
    try {
      run();
    } catch (error) {
      if (error instanceof KyyInputError) return error;
      throw error;
    }
    throw new Error('expected a KyyInputError');
  };

  it('are what checkUpload returns for the same bad upload', () => {
    const input = { assetType: 'image', url: 'cat.jpg', name: 'n'.repeat(MAX_NAME_LENGTH + 1) };
    const { problems } = refusal(() => checkUploadInput(input));
    expect(problems).toEqual(checkUpload(input));
    expect(problems.map((p) => p.field)).toEqual(['assetType', 'url', 'name']);
  });

  it("are the asset id rule's problem for a bad id", () => {
    const parsed = parseAssetIdOrRef('asset://nope');
    expect(parsed.ok).toBe(false);
    const { problems } = refusal(() => checkAssetId('asset://nope', 'get'));
    expect(problems).toEqual(parsed.ok ? [] : [parsed.problem]);
  });
});
