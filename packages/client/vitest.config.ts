import { defineConfig } from 'vitest/config';

// The node-fetch and integration tests use real sockets and servers; on a busy two-core machine
// they can take seconds. The limits only bound a hang.
//
// Type-level tests (test/**/*.test-d.ts) run with tsc -p tsconfig.type-tests.json (see `test`).
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
