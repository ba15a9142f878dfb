import { defineConfig } from 'vitest/config';

// test/generated.test.ts runs the generator in a child process; on a busy two-core machine that
// takes seconds. The limits only bound a hang.
//
// Type-level tests (test/**/*.test-d.ts) run with tsc -p tsconfig.type-tests.json (see `test`).
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
