import { describe, expect, it } from 'vitest';
import { describeCode, isSuccessCode } from './codes.js';

describe('isSuccessCode', () => {
  it('accepts the number 0 (upload, detail) and the string "0" (delete)', () => {
    expect(isSuccessCode(0)).toBe(true);
    expect(isSuccessCode('0')).toBe(true);
  });
  it.each([1001, -1, '1001', '', ' 0', '00', null, undefined, false, -0.5, '0.0'])(
    'rejects %j',
    (code) => expect(isSuccessCode(code)).toBe(false),
  );
});

describe('describeCode', () => {
  it('names the documented codes, as numbers or strings', () => {
    expect(describeCode(0)).toBe('success');
    expect(describeCode('0')).toBe('success');
    expect(describeCode(1001)).toBe('urlUnreachable');
    expect(describeCode('-1')).toBe('notFound');
    expect(describeCode(-1)).toBe('notFound');
  });
  it('leaves undocumented codes unnamed', () => {
    expect(describeCode(500)).toBeUndefined();
    expect(describeCode('')).toBeUndefined();
  });
});
