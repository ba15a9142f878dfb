import { describe, expect, it } from 'vitest';
import { InvalidAssetRefError, isAssetId, parseAssetRef, toAssetRef } from './asset-ref.js';

const ID = 'asset-20260330142158-q75m8';

describe('isAssetId', () => {
  it('accepts the documented id', () => expect(isAssetId(ID)).toBe(true));
  it.each([
    '',
    'asset-2026033014215-q75m8',
    'asset-20260330142158-Q75M8',
    'asset-20260330142158-q75m',
    ` ${ID}`,
    `${ID}/../x`,
    `asset://${ID}`,
  ])('rejects %j', (value) => expect(isAssetId(value)).toBe(false));
  it('rejects non-strings', () => expect(isAssetId(42)).toBe(false));
});

describe('toAssetRef / parseAssetRef', () => {
  it('round-trips an id', () => {
    expect(toAssetRef(ID)).toBe(`asset://${ID}`);
    expect(parseAssetRef(toAssetRef(ID))).toBe(ID);
  });

  it('refuses to wrap something that is not an id', () => {
    expect(() => toAssetRef('cat.png')).toThrow(InvalidAssetRefError);
    expect(() => toAssetRef('cat.png')).toThrow(/asset-20260330142158-q75m8/);
  });

  it.each([
    [ID, /starts with "asset:\/\/"/],
    [`https://example.com/${ID}`, /starts with "asset:\/\/"/],
    ['asset://', /not an asset id/],
    ['asset://cat', /not an asset id/],
    [`asset://${ID}x`, /not an asset id/],
  ])('rejects %j with a clear message', (ref, message) => {
    expect(() => parseAssetRef(ref)).toThrow(message);
  });
});
