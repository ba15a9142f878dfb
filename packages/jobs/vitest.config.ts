import { defineConfig } from 'vitest/config';

// Integration tests run a mock server and write files; on a busy two-core machine they can take
// seconds. The limits only bound a hang.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
