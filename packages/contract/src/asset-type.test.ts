import { describe, expect, it } from 'vitest';
import { assetTypeIgnoringCase } from './asset-type.js';

describe('assetTypeIgnoringCase', () => {
  it.each([
    ['Image', 'Image'],
    ['image', 'Image'],
    [' VIDEO ', 'Video'],
    ['aUdIo', 'Audio'],
    ['document', 'Document'],
  ])('%j → %j', (input, expected) => expect(assetTypeIgnoringCase(input)).toBe(expected));

  it.each(['', 'img', 'Images', 'Im age'])('%j names no type', (input) =>
    expect(assetTypeIgnoringCase(input)).toBeUndefined(),
  );
});
