import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MIN_MASKED_SECRET_LENGTH, redactSecret, SECRET_MASK } from './redact.js';

const KEY = 'sk-live/Ab+cd=0123456789';

describe('redactSecret', () => {
  it('masks every form a server echoes: raw, JSON-escaped once and twice, percent-encoded', () => {
    const odd = 'sk-"abc\\def"/+x';
    const text = [
      `a ${odd} b`,
      JSON.stringify(odd),
      JSON.stringify(JSON.stringify(odd)),
      `https://cdn.example.com/v.mp4?k=${encodeURIComponent(odd)}`,
      `https://cdn.example.com/v.mp4?k=${encodeURIComponent(odd).toLowerCase()}`,
      new URLSearchParams({ k: odd }).toString(),
    ].join('\n');
    const out = redactSecret(text, odd);
    expect(out).not.toMatch(/abc|def/i);
    expect(out.split(SECRET_MASK).length - 1).toBe(6);
  });

  it('masks a key any of whose characters an encoder escaped, in either hex case', () => {
    const key = 'sk-test-1234567890abcdef';
    const every = [...new TextEncoder().encode(key)]
      .map((byte) => `%${byte.toString(16).padStart(2, '0')}`)
      .join('');
    for (const echoed of [
      'sk%2Dtest%2D1234567890abcdef',
      'sk%2dtest-1234567890abcdef',
      every,
      every.toUpperCase(),
    ]) {
      const text = `https://cdn.example.com/v.mp4?token=${echoed}&n=1`;
      expect(redactSecret(text, key)).toBe(
        `https://cdn.example.com/v.mp4?token=${SECRET_MASK}&n=1`,
      );
    }
    const spaced = 'key with  spaces 123';
    expect(redactSecret(`q=${spaced.replaceAll(' ', '+')}`, spaced)).toBe(`q=${SECRET_MASK}`);
  });

  it('masks a key right after an escape (%20, \\n, \\u0020) and before punctuation', () => {
    for (const text of [
      `Bearer%20${encodeURIComponent(KEY)}&x=1`,
      JSON.stringify(`line\n${KEY}`),
      `"\\u0020${KEY}"`,
      `key ${KEY}.`,
      `(${KEY})`,
    ]) {
      expect(redactSecret(text, KEY)).toContain(SECRET_MASK);
      expect(redactSecret(text, KEY)).not.toContain('0123456789');
    }
  });

  it('leaves a key glued to a letter or digit: it is a piece of a longer word', () => {
    const key = 'fd35ee52';
    const id = `video_${key}9-2a98-44a6-b930-29a88ce9b8fd`;
    expect(redactSecret(id, key)).toBe(id);
    expect(redactSecret(`x${KEY}`, KEY)).toBe(`x${KEY}`);
    expect(redactSecret(`${KEY}0`, KEY)).toBe(`${KEY}0`);
  });

  it('masks a key joined by - or _ (x-<key>, key_<key>): still the key on its own', () => {
    expect(redactSecret(`x-${KEY} key_${KEY}`, KEY)).toBe(`x-${SECRET_MASK} key_${SECRET_MASK}`);
  });

  it('never masks a key too short to be real, or one shaped like a number', () => {
    const text = '{"id":"video_e1","created":1774836724,"n":1.5e3,"msg":"example"}';
    for (const key of ['e', '1', 'a', 'abc', 'example', '1774836724', '1.5e3', '-12345678']) {
      expect(redactSecret(text, key)).toBe(text);
    }
    expect('example'.length).toBeLessThan(MIN_MASKED_SECRET_LENGTH);
  });

  it('masks several secrets and ignores empty and missing ones', () => {
    expect(redactSecret('sk-one-1234 and sk-two-5678', ['sk-one-1234', 'sk-two-5678', ''])).toBe(
      `${SECRET_MASK} and ${SECRET_MASK}`,
    );
    expect(redactSecret('text', '')).toBe('text');
    expect(redactSecret('text', undefined)).toBe('text');
  });

  it('never alters an id or a JSON number that is not the key itself (property)', () => {
    const taskId = fc.uuid().map((uuid) => `video_${uuid}`);
    const assetId = fc
      .tuple(fc.stringMatching(/^[0-9]{14}$/), fc.stringMatching(/^[a-z0-9]{5}$/))
      .map(([stamp, tail]) => `asset-${stamp}-${tail}`);
    const number = fc.oneof(
      fc.integer().map(String),
      fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => JSON.stringify(n)),
    );
    // Any key, of any length or alphabet: also the ones that happen to be a piece of the text.
    const key = fc.oneof(
      fc.string({ minLength: 1, maxLength: 40 }),
      fc.stringMatching(/^[a-z0-9_-]{1,40}$/),
      fc.stringMatching(/^[0-9eE.+-]{1,24}$/),
    );
    fc.assert(
      fc.property(taskId, assetId, number, key, (task, asset, n, secret) => {
        fc.pre(![task, asset, n].includes(secret));
        const json = JSON.stringify({ id: task, assetId: asset, created: JSON.parse(n) });
        const out = redactSecret(json, secret);
        for (const kept of [task, asset, n]) expect(out).toContain(kept);
      }),
      { numRuns: 2000 },
    );
  });
});
