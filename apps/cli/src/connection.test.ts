import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_BASE_URL, MOCK_BASE_URL } from '@kyyvideo/contract';
import { DEFAULT_PORT, PORT_ENV } from '@kyyvideo/mock/cli';
import { describe, expect, it } from 'vitest';
import { MOCK_STAND_IN_KEY, resolveApiKey, resolveBaseUrl } from './connection.js';

describe('resolveBaseUrl', () => {
  it('prefers the flag, then --mock, then KYY_BASE_URL, then the real service', () => {
    const env = { KYY_BASE_URL: 'http://env.example/api/' };
    expect(resolveBaseUrl({ baseUrl: 'http://flag.example/x' }, env)).toBe('http://flag.example/x');
    expect(resolveBaseUrl({ mock: true }, env)).toBe(MOCK_BASE_URL);
    expect(resolveBaseUrl({}, env)).toBe('http://env.example/api');
    expect(resolveBaseUrl({}, {})).toBe(DEFAULT_BASE_URL);
  });

  it("gives --mock the mock's port rule: its variable, else its default port", () => {
    expect(resolveBaseUrl({ mock: true }, { [PORT_ENV]: '' })).toBe(MOCK_BASE_URL);
    expect(resolveBaseUrl({ mock: true }, { [PORT_ENV]: String(DEFAULT_PORT) })).toBe(
      MOCK_BASE_URL,
    );
    const elsewhere = resolveBaseUrl({ mock: true }, { [PORT_ENV]: '4711' });
    expect(elsewhere).not.toBe(MOCK_BASE_URL);
    expect(elsewhere).toBe(MOCK_BASE_URL.replace(`:${DEFAULT_PORT}/`, ':4711/'));
    // KYY_BASE_URL does not move --mock, and --mock ignores the variable's spaces like the mock.
    expect(
      resolveBaseUrl({ mock: true }, { [PORT_ENV]: ' 4711 ', KYY_BASE_URL: 'http://x.y' }),
    ).toBe(elsewhere);
  });

  it('refuses a port variable --mock cannot use, in the words kyy mock uses', () => {
    expect(() => resolveBaseUrl({ mock: true }, { [PORT_ENV]: 'abc' })).toThrow(
      new RegExp(`^--mock: ${PORT_ENV} must be a whole number from 0 to 65535; got "abc"`),
    );
    expect(() => resolveBaseUrl({ mock: true }, { [PORT_ENV]: '0' })).toThrow(
      new RegExp(`^--mock: ${PORT_ENV} is 0, .*--base-url`),
    );
  });

  it('rejects URLs that are not http(s)', () => {
    expect(() => resolveBaseUrl({ baseUrl: 'localhost:4010' }, {})).toThrow(/--base-url must/);
    expect(() => resolveBaseUrl({}, { KYY_BASE_URL: 'nope' })).toThrow(
      /KYY_BASE_URL must be an http\(s\) URL/,
    );
  });

  it('applies the contract rule: no credentials, query string or fragment', () => {
    expect(() => resolveBaseUrl({ baseUrl: 'http://u:hunter2@x.example/api' }, {})).toThrow(
      /^--base-url must .*credentials/,
    );
    expect(() => resolveBaseUrl({ baseUrl: 'http://u:hunter2@x.example/api' }, {})).not.toThrow(
      /hunter2/,
    );
    expect(() => resolveBaseUrl({ baseUrl: 'http://x.example/api?k=1' }, {})).toThrow(/query/);
    expect(() => resolveBaseUrl({}, { KYY_BASE_URL: 'http://x.example/api#f' })).toThrow(
      /^KYY_BASE_URL must .*fragment/,
    );
  });
});

describe('resolveApiKey', () => {
  const cwd = mkdtempSync(join(tmpdir(), 'kyy-key-'));

  it('reads the key file (trimmed) before the environment', async () => {
    writeFileSync(join(cwd, 'key'), 'file-key-123\n');
    const got = await resolveApiKey(
      { apiKeyFile: 'key' },
      { cwd, env: { KYY_API_KEY: 'env-key' } },
    );
    expect(got).toEqual({ apiKey: 'file-key-123', keySource: 'file' });
    expect(await resolveApiKey({}, { cwd, env: { KYY_API_KEY: ' env-key ' } })).toEqual({
      apiKey: 'env-key',
      keySource: 'env',
    });
  });

  it('uses a stand-in key only with --mock', async () => {
    expect((await resolveApiKey({ mock: true }, { cwd, env: {} })).apiKey).toBe(MOCK_STAND_IN_KEY);
    await expect(resolveApiKey({}, { cwd, env: {} })).rejects.toThrow(
      /No API key: set KYY_API_KEY/,
    );
  });

  it('explains a missing, empty or malformed key file without quoting its content', async () => {
    await expect(resolveApiKey({ apiKeyFile: 'missing' }, { cwd, env: {} })).rejects.toThrow(
      /--api-key-file "missing" cannot be read \(ENOENT\)/,
    );
    writeFileSync(join(cwd, 'empty'), '\n');
    await expect(resolveApiKey({ apiKeyFile: 'empty' }, { cwd, env: {} })).rejects.toThrow(
      /is empty/,
    );
    writeFileSync(join(cwd, 'two'), 'secret-one secret-two\n');
    const error = await resolveApiKey({ apiKeyFile: 'two' }, { cwd, env: {} }).catch(
      (e: Error) => e,
    );
    expect(String(error)).toMatch(/must hold only the API key/);
    expect(String(error)).not.toContain('secret-one');
  });
});
