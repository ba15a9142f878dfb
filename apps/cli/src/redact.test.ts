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

  it('masks short secrets too (a short key is no less secret) and ignores empty ones', () => {
    const redactor = new Redactor();
    redactor.add('abc');
    redactor.add(undefined);
    redactor.add('');
    expect(redactor.apply('abc x abc')).toBe(`${REDACTED} x ${REDACTED}`);
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
