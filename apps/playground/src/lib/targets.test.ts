import { BASE_PATH, DEFAULT_BASE_URL, MOCK_BASE_URL } from '@kyyvideo/contract';
import { describe, expect, it } from 'vitest';
import { REAL_SERVICE_PROXY_PATH } from './proxy-path.js';
import {
  DEFAULT_TARGET_SETTINGS,
  MOCK_TOKEN,
  MOCK_VIDEO_POLL_INTERVAL_MS,
  REAL_KEY_PLACEHOLDER,
  resolveTarget,
  sampleMediaBaseUrl,
  toPublicUrl,
  videoPollIntervalMs,
} from './targets.js';

const ORIGIN = 'http://127.0.0.1:5173';

describe('resolveTarget', () => {
  it('sends the in-browser mock to this page and its curl to the local mock server', () => {
    const resolved = resolveTarget(DEFAULT_TARGET_SETTINGS, ORIGIN);
    expect(resolved.ok && resolved.target).toMatchObject({
      baseUrl: `${ORIGIN}${BASE_PATH}`,
      curlBaseUrl: MOCK_BASE_URL,
      apiKey: MOCK_TOKEN,
      scenarioDelivery: 'header',
    });
  });

  it('calls the real service through the proxy path, and curls the real URL', () => {
    const resolved = resolveTarget(
      { ...DEFAULT_TARGET_SETTINGS, kind: 'real', realKey: ' k-123 ' },
      ORIGIN,
    );
    expect(resolved.ok && resolved.target).toMatchObject({
      baseUrl: `${ORIGIN}${REAL_SERVICE_PROXY_PATH}`,
      curlBaseUrl: DEFAULT_BASE_URL,
      apiKey: 'k-123',
      keyPlaceholder: REAL_KEY_PLACEHOLDER,
      scenarioDelivery: 'unavailable',
    });
    // The proxy path must not look like the API path, or the in-page mock would answer it.
    expect(REAL_SERVICE_PROXY_PATH).not.toContain(BASE_PATH);
  });

  it('asks for the key before calling the real service', () => {
    expect(
      resolveTarget({ ...DEFAULT_TARGET_SETTINGS, kind: 'real', realKey: '  ' }, ORIGIN),
    ).toEqual({
      ok: false,
      problem: 'Enter your API key to call the real service (it stays in this tab only).',
    });
  });

  it('checks the local server URL and uses a mock token unless a key is given', () => {
    const bad = resolveTarget(
      { ...DEFAULT_TARGET_SETTINGS, kind: 'local-server', localServerUrl: '127.0.0.1:4010' },
      ORIGIN,
    );
    expect(bad.ok).toBe(false);
    // The contract's base-URL rule: no credentials, query string or fragment.
    for (const localServerUrl of [
      'http://user:pw@127.0.0.1:4010/kyyReactApiServer',
      'http://127.0.0.1:4010/kyyReactApiServer?x=1',
      'http://127.0.0.1:4010/kyyReactApiServer#top',
    ]) {
      const refused = resolveTarget(
        { ...DEFAULT_TARGET_SETTINGS, kind: 'local-server', localServerUrl },
        ORIGIN,
      );
      expect(refused).toMatchObject({
        ok: false,
        problem: expect.stringMatching(/^The local mock server URL/),
      });
    }
    const plain = resolveTarget(
      {
        ...DEFAULT_TARGET_SETTINGS,
        kind: 'local-server',
        localServerUrl: 'http://127.0.0.1:9/kyyReactApiServer/',
      },
      ORIGIN,
    );
    expect(plain.ok && plain.target).toMatchObject({
      baseUrl: 'http://127.0.0.1:9/kyyReactApiServer',
      apiKey: MOCK_TOKEN,
    });
    const keyed = resolveTarget(
      { ...DEFAULT_TARGET_SETTINGS, kind: 'local-server', localServerKey: 'abc' },
      ORIGIN,
    );
    expect(keyed.ok && keyed.target).toMatchObject({
      apiKey: 'abc',
      keyPlaceholder: REAL_KEY_PLACEHOLDER,
    });
  });
});

describe('toPublicUrl', () => {
  it('swaps the page-side base for the terminal-side one and leaves other URLs alone', () => {
    const target = {
      baseUrl: `${ORIGIN}${REAL_SERVICE_PROXY_PATH}`,
      curlBaseUrl: DEFAULT_BASE_URL,
    };
    expect(toPublicUrl(`${ORIGIN}${REAL_SERVICE_PROXY_PATH}/kyyVideo2/asset/upload`, target)).toBe(
      `${DEFAULT_BASE_URL}/kyyVideo2/asset/upload`,
    );
    expect(toPublicUrl('https://other.example/x', target)).toBe('https://other.example/x');
  });
});

describe('sampleMediaBaseUrl', () => {
  it('points at the chosen mock’s sample media and is absent for the real service', () => {
    expect(sampleMediaBaseUrl(DEFAULT_TARGET_SETTINGS, ORIGIN)).toBe(
      `${ORIGIN}/kyyReactApiServer/mock-media`,
    );
    const local = { ...DEFAULT_TARGET_SETTINGS, kind: 'local-server' as const };
    expect(
      sampleMediaBaseUrl({ ...local, localServerUrl: 'http://127.0.0.1:4810/k/' }, ORIGIN),
    ).toBe('http://127.0.0.1:4810/k/mock-media');
    expect(
      sampleMediaBaseUrl({ ...DEFAULT_TARGET_SETTINGS, kind: 'real' }, ORIGIN),
    ).toBeUndefined();
  });

  it('polls video tasks quickly only on the mocks', () => {
    expect(videoPollIntervalMs('browser-mock')).toBe(MOCK_VIDEO_POLL_INTERVAL_MS);
    expect(videoPollIntervalMs('local-server')).toBe(MOCK_VIDEO_POLL_INTERVAL_MS);
    // The client's documented 20–40 s applies against the real service.
    expect(videoPollIntervalMs('real')).toBeUndefined();
  });
});
