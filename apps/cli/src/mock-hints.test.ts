import { MOCK_BASE_URL } from '@kyyvideo/contract';
import { DEFAULT_PORT } from '@kyyvideo/mock/cli';
import { describe, expect, it } from 'vitest';
import { tryCommand } from './mock-hints.js';

const UPLOAD = 'assets upload --type Image --url https://example.com/a.png';

describe('tryCommand', () => {
  it('uses --mock (which supplies a stand-in key) at the default address', () => {
    expect(tryCommand(MOCK_BASE_URL)).toBe(`kyy --mock ${UPLOAD}`);
  });

  it('names the URL when the port variable would send --mock to another port', () => {
    expect(tryCommand(MOCK_BASE_URL, false, String(DEFAULT_PORT))).toBe(`kyy --mock ${UPLOAD}`);
    expect(tryCommand(MOCK_BASE_URL, false, '4321')).toBe(
      `KYY_API_KEY=any-key kyy --base-url ${MOCK_BASE_URL} ${UPLOAD}`,
    );
  });

  it('elsewhere names the URL and a key, since --base-url alone would stop at "No API key"', () => {
    expect(tryCommand('http://127.0.0.1:4321/kyyReactApiServer')).toBe(
      `KYY_API_KEY=any-key kyy --base-url http://127.0.0.1:4321/kyyReactApiServer ${UPLOAD}`,
    );
  });

  it('quotes a URL the shell would otherwise expand (IPv6 brackets are a glob)', () => {
    expect(tryCommand('http://[::1]:4321/kyyReactApiServer')).toBe(
      `KYY_API_KEY=any-key kyy --base-url 'http://[::1]:4321/kyyReactApiServer' ${UPLOAD}`,
    );
  });

  it('passes KYY_MOCK_API_KEY on by name when the mock only accepts that key', () => {
    expect(tryCommand(MOCK_BASE_URL, true)).toBe(
      `KYY_API_KEY="$KYY_MOCK_API_KEY" kyy --mock ${UPLOAD}`,
    );
    expect(tryCommand('http://127.0.0.1:4321/kyyReactApiServer', true)).toBe(
      `KYY_API_KEY="$KYY_MOCK_API_KEY" kyy --base-url http://127.0.0.1:4321/kyyReactApiServer ${UPLOAD}`,
    );
  });
});
