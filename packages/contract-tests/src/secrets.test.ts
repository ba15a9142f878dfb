import { SECRET_MASK } from '@kyyvideo/contract';
import { describe, expect, it } from 'vitest';
import { maskError } from './secrets.js';

describe('maskError', () => {
  it('masks the message and the stack, keeping the name', () => {
    const error = new TypeError('sent Bearer sk-123 to the service');
    const masked = maskError(error, ['sk-123']);
    expect(masked.message).toBe(`sent Bearer ${SECRET_MASK} to the service`);
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
    expect(maskError('raw sk-123', ['sk-123']).message).toBe(`raw ${SECRET_MASK}`);
  });
});
