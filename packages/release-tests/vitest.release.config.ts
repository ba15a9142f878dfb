import { defineConfig } from 'vitest/config';

// `pnpm test:release` only: these tests need the npm registry for third-party dependencies, so they
// stay out of `pnpm test`, which runs offline. Limits are ceilings for a busy two-core machine.
export default defineConfig({
  test: {
    include: ['test-release/**/*.test.ts'],
    testTimeout: 30 * 60_000,
    hookTimeout: 5 * 60_000,
  },
});
