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

  it('leaves text alone for a key too short to be real, so ids and numbers stay intact', () => {
    const redactor = new Redactor();
    for (const key of ['e', 'a', '1', undefined, '']) redactor.add(key);
    const text =
      '{"id":"video_fd35ee52-2a98-44a6-b930-29a88ce9b8fd","created":1774836724,"e":"examples"}';
    expect(redactor.apply(text)).toBe(text);
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
