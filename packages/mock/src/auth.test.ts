import { describe, expect, it } from 'vitest';
import { checkAuthorization } from './auth.js';

describe('checkAuthorization', () => {
  it.each([
    [null, 'Missing Authorization header'],
    ['', 'Authorization header is empty'],
    ['Basic dXNlcjpwYXNz', 'Bearer scheme'],
    ['Bearer', 'Bearer token is empty'],
    ['Bearer    ', 'Bearer token is empty'],
    ['Bearerabc', 'Bearer scheme'],
  ])('explains what is wrong with %j', (header, expected) => {
    expect(checkAuthorization(header, undefined)).toContain(expected);
  });

  it('accepts any token without a key, in any scheme case', () => {
    expect(checkAuthorization('Bearer x', undefined)).toBeNull();
    expect(checkAuthorization('bearer  x  ', undefined)).toBeNull();
    expect(checkAuthorization('BEARER x', undefined)).toBeNull();
  });

  it('with a key, accepts only that key and never echoes either', () => {
    const key = 'sk-configured-key';
    expect(checkAuthorization(`Bearer ${key}`, key)).toBeNull();
    const msg = checkAuthorization('Bearer sk-sent-key', key);
    expect(msg).toContain('not accepted');
    expect(msg).not.toContain(key);
    expect(msg).not.toContain('sk-sent-key');
    expect(checkAuthorization(`Bearer ${key}x`, key)).not.toBeNull();
  });
});
