import { DEFAULT_BASE_URL } from '@kyyvideo/contract';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeFetch, json, UPLOAD_OK } from '../test/helpers/fake-fetch.js';
import { createKyyClient } from './client.js';
import { KyyConfigError } from './errors.js';
import { DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT_MS, resolveOptions } from './options.js';

afterEach(() => {
  vi.unstubAllEnvs();
});

function configMessage(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(KyyConfigError);
    expect(error).toMatchObject({ operation: 'config' });
    return (error as Error).message;
  }
  throw new Error('expected a KyyConfigError');
}

describe('API key', () => {
  it('is required, and the error says where to put it', () => {
    vi.stubEnv('KYY_API_KEY', '');
    expect(configMessage(() => createKyyClient())).toMatch(/apiKey.*KYY_API_KEY/);
    expect(configMessage(() => createKyyClient({ apiKey: '   ' }))).toMatch(/empty/);
  });

  it('falls back to KYY_API_KEY and is sent as a bearer token', async () => {
    vi.stubEnv('KYY_API_KEY', 'from-env');
    const f = fakeFetch(json(UPLOAD_OK));
    const client = createKyyClient({ baseUrl: 'http://h.test/kyyReactApiServer', fetch: f.fetch });
    await client.assets.upload({ assetType: 'Image', url: 'https://example.com/a.png' });
    expect(f.requests[0]?.headers.get('authorization')).toBe('Bearer from-env');
  });

  it('prefers the option over the environment and trims stray whitespace', async () => {
    vi.stubEnv('KYY_API_KEY', 'from-env');
    const f = fakeFetch(json(UPLOAD_OK));
    const client = createKyyClient({ apiKey: ' opt-key\n', fetch: f.fetch });
    await client.assets.upload({ assetType: 'Image', url: 'https://example.com/a.png' });
    expect(f.requests[0]?.headers.get('authorization')).toBe('Bearer opt-key');
  });

  it('rejects characters a header cannot carry, without quoting the key', () => {
    const message = configMessage(() => createKyyClient({ apiKey: 'abc\u0000def' }));
    expect(message).not.toContain('abc');
    expect(configMessage(() => createKyyClient({ apiKey: 'ключ' }))).toMatch(/non-ASCII/);
    expect(configMessage(() => createKyyClient({ apiKey: 42 as unknown as string }))).toMatch(
      /string/,
    );
  });
});

describe('baseUrl', () => {
  it('defaults to the real service, then KYY_BASE_URL, then the option', () => {
    vi.stubEnv('KYY_BASE_URL', '');
    expect(createKyyClient({ apiKey: 'k' }).baseUrl).toBe(DEFAULT_BASE_URL);
    vi.stubEnv('KYY_BASE_URL', 'http://127.0.0.1:9/kyyReactApiServer/');
    expect(createKyyClient({ apiKey: 'k' }).baseUrl).toBe('http://127.0.0.1:9/kyyReactApiServer');
    expect(createKyyClient({ apiKey: 'k', baseUrl: 'https://o.test/x' }).baseUrl).toBe(
      'https://o.test/x',
    );
  });

  it.each([
    ['not-a-url', /absolute URL/],
    ['ftp://h.test/x', /http or https/],
    ['https://user:pw@h.test/x', /credentials/],
    ['https://h.test/x?y=1', /query/],
    ['https://h.test/x#top', /fragment/],
    [' https://h.test/x', /spaces/],
  ])('rejects %s', (baseUrl, message) => {
    expect(configMessage(() => createKyyClient({ apiKey: 'k', baseUrl }))).toMatch(message);
  });
});

describe('other options', () => {
  it('has documented defaults', () => {
    const resolved = resolveOptions({ apiKey: 'k' });
    expect(resolved.timeoutMs).toBe(DEFAULT_TIMEOUT_MS);
    expect(resolved.maxRetries).toBe(DEFAULT_MAX_RETRIES);
    expect(resolved.validate).toBe('strict');
  });

  it.each([
    [{ timeoutMs: 0 }, /timeoutMs/],
    [{ timeoutMs: Number.NaN }, /timeoutMs/],
    [{ maxRetries: -1 }, /maxRetries/],
    [{ maxRetries: 1.5 }, /maxRetries/],
    [{ maxRetries: 11 }, /maxRetries/],
    [{ validate: 'loose' }, /validate/],
    [{ fetch: 'nope' }, /fetch/],
  ])('rejects %j', (extra, message) => {
    expect(configMessage(() => createKyyClient({ apiKey: 'k', ...(extra as object) }))).toMatch(
      message,
    );
  });
});
