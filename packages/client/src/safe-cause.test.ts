import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { networkError } from '../test/helpers/fake-fetch.js';
import { provablyNotSent } from './network.js';
import { safeCause } from './safe-cause.js';

const KEY = 'safe-cause-secret-0123456789';
const redact = (text: string) => text.split(KEY).join('[redacted]');

describe('safeCause', () => {
  it('keeps name, message and code along cause chains and AggregateErrors, nothing else', () => {
    const request = new Request('https://h.test/x', {
      headers: { authorization: `Bearer ${KEY}` },
    });
    const member = Object.assign(new Error(`refused ${KEY}`), { code: 'ECONNREFUSED', request });
    const original = Object.assign(
      new TypeError('fetch failed', { cause: new AggregateError([member, member], 'all') }),
      { request, code: 23 },
    );
    const copy = safeCause(original, redact);
    expect(copy).toMatchObject({ name: 'TypeError', message: 'fetch failed', code: 23 });
    expect(copy).not.toHaveProperty('request');
    const aggregate = copy?.cause as AggregateError;
    expect(aggregate).toBeInstanceOf(AggregateError);
    expect(aggregate.errors[0]).toMatchObject({
      code: 'ECONNREFUSED',
      message: 'refused [redacted]',
    });
    expect(aggregate.errors[0]).not.toBe(member);
    expect(inspect(copy, { showHidden: true, depth: Number.POSITIVE_INFINITY })).not.toContain(KEY);
    // Classification reads the same codes from the copy as from the original.
    expect(provablyNotSent(copy)).toBe(provablyNotSent(original));
    expect(provablyNotSent(safeCause(networkError('ECONNRESET')))).toBe(false);
  });

  it('copies non-Error values, cycles and hostile getters without throwing', () => {
    expect(safeCause(undefined)).toBeUndefined();
    expect(safeCause(`boom ${KEY}`, redact)?.message).toBe('boom [redacted]');
    const cyclic: { message: string; cause?: unknown } = { message: 'loop' };
    cyclic.cause = cyclic;
    expect(safeCause(cyclic)).toMatchObject({ message: 'loop' });
    expect(safeCause(cyclic)?.cause).toBeUndefined();
    const hostile = Object.defineProperty({}, 'message', {
      get() {
        throw new Error('no');
      },
    });
    expect(safeCause(hostile)).toMatchObject({ name: 'Error', message: '' });
    const stack = new Error(`in ${KEY}`);
    expect(safeCause(stack, redact)?.stack).not.toContain(KEY);
  });
});
