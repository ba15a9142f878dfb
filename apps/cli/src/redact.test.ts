import { describe, expect, it } from 'vitest';
import { REDACTED, Redactor } from './redact.js';

describe('Redactor', () => {
  it('replaces every occurrence of a registered secret in everything written', () => {
    const written: string[] = [];
    const redactor = new Redactor();
    const stream = redactor.wrap({ write: (s: string) => written.push(s), isTTY: true });
    redactor.add('sk-live-12345');
    stream.write('key sk-live-12345 and again sk-live-12345\n');
    expect(written.join('')).toBe(`key ${REDACTED} and again ${REDACTED}\n`);
    expect(stream.isTTY).toBe(true);
  });

  it('ignores secrets too short to search for safely', () => {
    const redactor = new Redactor();
    redactor.add('abc');
    redactor.add(undefined);
    expect(redactor.apply('abc abc')).toBe('abc abc');
  });

  it('also replaces the key as it appears inside JSON strings, escaped once or twice', () => {
    const secret = 'sk-"odd"\\key';
    const redactor = new Redactor();
    redactor.add(secret);
    const message = `got ${JSON.stringify(secret)}.`;
    const document = JSON.stringify({ error: { message } });
    for (const text of [secret, message, document]) {
      const out = redactor.apply(text);
      expect(out).toContain(REDACTED);
      for (const part of ['odd', 'key']) expect(out).not.toContain(part);
    }
  });
});
