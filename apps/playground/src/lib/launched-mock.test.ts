import { MOCK_BASE_URL } from '@kyyvideo/contract';
import { describe, expect, it } from 'vitest';
import { launchedMockUrl } from './launched-mock.js';

describe('launchedMockUrl', () => {
  it('is the mock that pnpm start launched, on whatever port', () => {
    expect(launchedMockUrl('http://127.0.0.1:4110/kyyReactApiServer/')).toBe(
      'http://127.0.0.1:4110/kyyReactApiServer',
    );
  });

  it("falls back to the mock's documented address when the playground runs alone", () => {
    expect(launchedMockUrl(undefined)).toBe(MOCK_BASE_URL);
    expect(launchedMockUrl(' ')).toBe(MOCK_BASE_URL);
  });
});
