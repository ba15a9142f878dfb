import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Process-level tests spawn the built `kyy` and a mock server; each child takes ~100 ms.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
