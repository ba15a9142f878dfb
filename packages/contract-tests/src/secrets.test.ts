import { describe, expect, it } from 'vitest';
import { MASK, maskError, maskSecrets } from './secrets.js';

describe('maskSecrets', () => {
  it('replaces every occurrence of every secret', () => {
    expect(maskSecrets('a KEY b KEY c other', ['KEY', 'other'])).toBe(
      `a ${MASK} b ${MASK} c ${MASK}`,
    );
  });

  it('ignores empty secrets instead of masking between every character', () => {
    expect(maskSecrets('abc', [''])).toBe('abc');
  });
});

describe('maskError', () => {
  it('masks the message and the stack, keeping the name', () => {
    const error = new TypeError('sent Bearer sk-123 to the service');
    const masked = maskError(error, ['sk-123']);
    expect(masked.message).toBe(`sent Bearer ${MASK} to the service`);
    expect(masked.name).toBe('TypeError');
    expect(masked.stack).not.toContain('sk-123');
  });

  it('returns an error without secrets unchanged', () => {
    const error = new Error('nothing to hide');
    expect(maskError(error, ['sk-123'])).toBe(error);
  });

  it('replaces an error whose fields or cause carry a secret', () => {
    const error = Object.assign(
      new Error('request failed', { cause: new Error('Bearer sk-123') }),
      {
        header: 'Bearer sk-123',
      },
    );
    const masked = maskError(error, ['sk-123']);
    expect(masked).not.toBe(error);
    expect(masked.message).toBe('request failed');
    expect(JSON.stringify({ ...masked })).not.toContain('sk-123');
    expect(masked.cause).toBeUndefined();
  });

  it('turns a thrown non-error into a masked Error', () => {
    expect(maskError('raw sk-123', ['sk-123']).message).toBe(`raw ${MASK}`);
  });
});
