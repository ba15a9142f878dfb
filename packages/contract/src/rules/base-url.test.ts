import { describe, expect, it } from 'vitest';
import { checkBaseUrl, DEFAULT_BASE_URL, MOCK_BASE_URL } from '../index.js';

describe('checkBaseUrl', () => {
  it.each([
    DEFAULT_BASE_URL,
    MOCK_BASE_URL,
    'http://127.0.0.1:5000/kyyReactApiServer/',
    'https://api.example.com',
  ])('accepts %j', (url) => expect(checkBaseUrl(url)).toEqual([]));

  it.each([
    ['', 'missing'],
    [undefined, 'missing'],
    [42, 'type'],
    ['not a url', 'format'],
    ['/kyyReactApiServer', 'format'],
    ['ftp://example.com/api', 'format'],
    ['https:example.com/api', 'format'],
    ['https://example.com/api?x=1', 'format'],
    ['https://example.com/api#top', 'format'],
    ['https://example.com/api?', 'format'],
    [' https://example.com/api', 'format'],
    ['https://example.com/api\n', 'format'],
  ])('refuses %j as %s', (value, kind) => {
    const [problem, ...rest] = checkBaseUrl(value);
    expect(rest).toEqual([]);
    expect(problem).toMatchObject({ field: 'baseUrl', kind, severity: 'error' });
  });

  it('names the field it is given', () => {
    expect(checkBaseUrl('ftp://x', '--base-url')[0]?.field).toBe('--base-url');
  });

  it('refuses credentials without quoting them back', () => {
    const [problem] = checkBaseUrl('https://user:s3cret-pass@example.com/api');
    expect(problem?.kind).toBe('format');
    expect(problem?.hint).toMatch(/credentials/);
    expect(JSON.stringify(problem)).not.toContain('s3cret-pass');
  });

  it('is exported from the light rules entry too', async () => {
    const rules = await import('./index.js');
    expect(rules.checkBaseUrl).toBe(checkBaseUrl);
  });
});
