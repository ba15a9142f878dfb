import { defineConfig } from 'vitest/config';

// test/processes.test.ts starts real child processes (and a process group); on a busy two-core
// machine that can take seconds. The limits only bound a hang, they are not what is asserted.
export default defineConfig({
  test: {
    // test-release/ needs the npm registry: it runs in `pnpm test:release` (vitest.release.config.ts).
    include: ['scripts/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
