import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Process-level tests spawn the built `kyy` and a mock server; each child takes ~100 ms on a quiet
    // machine and seconds on a busy one. The limits only bound a hang.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
