import { SECRET_MASK } from '@kyyvideo/contract';
import { describe, expect, it } from 'vitest';
import { maskError } from './secrets.js';

describe('maskError', () => {
  it('masks the message and the stack, keeping the name', () => {
    const error = new TypeError('sent Bearer sk-live-123456 to the service');
    const masked = maskError(error, ['sk-live-123456']);
    expect(masked.message).toBe(`sent Bearer ${SECRET_MASK} to the service`);
    expect(masked.name).toBe('TypeError');
    expect(masked.stack).not.toContain('sk-live-123456');
  });

  it('returns an error without secrets unchanged', () => {
    const error = new Error('nothing to hide');
    expect(maskError(error, ['sk-live-123456'])).toBe(error);
  });

  it('replaces an error whose fields or cause carry a secret', () => {
    const error = Object.assign(
      new Error('request failed', { cause: new Error('Bearer sk-live-123456') }),
      {
        header: 'Bearer sk-live-123456',
      },
    );
    const masked = maskError(error, ['sk-live-123456']);
    expect(masked).not.toBe(error);
    expect(masked.message).toBe('request failed');
    expect(JSON.stringify({ ...masked })).not.toContain('sk-live-123456');
    expect(masked.cause).toBeUndefined();
  });

  it('turns a thrown non-error into a masked Error', () => {
    expect(maskError('raw sk-live-123456', ['sk-live-123456']).message).toBe(`raw ${SECRET_MASK}`);
  });
});
