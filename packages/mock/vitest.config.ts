import { defineConfig } from 'vitest/config';

// Process-level tests (test/cli.test.ts) start the real bin, and test/browser.test.ts a Chromium;
// on a busy two-core machine each of those can take seconds. The limits only bound a hang.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
