import { describe, expect, it } from 'vitest';
import { buildCurl, shellQuote } from './curl.js';

const SECRET = 'sk-live-0123456789abcdef';
const UPLOAD_URL = 'https://zcbservice.aizfw.cn/kyyReactApiServer/kyyVideo2/asset/upload';

describe('buildCurl', () => {
  it('replaces the bearer token with the placeholder and keeps the scheme', () => {
    const curl = buildCurl(
      {
        method: 'POST',
        url: UPLOAD_URL,
        headers: new Headers({
          Authorization: `Bearer ${SECRET}`,
          'Content-Type': 'application/json',
        }),
        body: '{"assetType":"Image","url":"https://example.com/cat.jpg"}',
      },
      { keyPlaceholder: '$KYY_API_KEY' },
    );
    expect(curl).not.toContain(SECRET);
    expect(curl).toContain('-H "Authorization: Bearer $KYY_API_KEY"');
    expect(curl).toContain("-H 'Content-Type: application/json'");
    expect(curl).toContain(`curl -X POST '${UPLOAD_URL}'`);
    expect(curl).toContain(
      `--data-raw '{"assetType":"Image","url":"https://example.com/cat.jpg"}'`,
    );
  });

  it('masks every secret-bearing header, whatever its case', () => {
    const curl = buildCurl(
      {
        method: 'GET',
        url: 'https://example.com/a',
        headers: [
          ['X-Api-Key', SECRET],
          ['cookie', `session=${SECRET}`],
          ['authorization', SECRET],
        ],
      },
      { keyPlaceholder: '$KYY_API_KEY' },
    );
    expect(curl).not.toContain(SECRET);
    expect(curl).toContain('-H "X-Api-Key: $KYY_API_KEY"');
    expect(curl).toContain('-H "Authorization: $KYY_API_KEY"');
  });

  it('leaves out -X and the body for GET, and headers curl sends itself', () => {
    const curl = buildCurl(
      {
        method: 'get',
        url: 'https://example.com/kyyReactApiServer/kyyVideo2/asset/asset-20260330142158-q75m8',
        headers: { 'content-length': '0', 'user-agent': 'x', accept: 'application/json' },
      },
      { keyPlaceholder: '$K' },
    );
    expect(curl.split(' \\\n  ')).toEqual([
      "curl 'https://example.com/kyyReactApiServer/kyyVideo2/asset/asset-20260330142158-q75m8'",
      "-H 'Accept: application/json'",
    ]);
  });

  it('keeps the scenario header so the command reproduces the same fault', () => {
    const curl = buildCurl(
      {
        method: 'DELETE',
        url: 'http://127.0.0.1:4010/x',
        headers: { 'x-mock-scenario': 'server-error' },
      },
      { keyPlaceholder: '$K' },
    );
    expect(curl).toContain("-H 'X-Mock-Scenario: server-error'");
    expect(curl.startsWith("curl -X DELETE 'http://127.0.0.1:4010/x'")).toBe(true);
  });

  it('quotes bodies containing single quotes so the shell passes them through unchanged', () => {
    const curl = buildCurl(
      { method: 'POST', url: 'http://h/u', headers: {}, body: `{"name":"Bob's cat"}` },
      { keyPlaceholder: '$K' },
    );
    expect(curl).toContain(`--data-raw '{"name":"Bob'\\''s cat"}'`);
  });
});

describe('shellQuote', () => {
  it('wraps in single quotes and escapes embedded ones', () => {
    expect(shellQuote("it's $HOME")).toBe(`'it'\\''s $HOME'`);
  });
});
