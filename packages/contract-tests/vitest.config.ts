import { defineConfig } from 'vitest/config';

declare module 'vitest' {
  interface ProvidedContext {
    /** True under `pnpm test:contract` (`--mode contract`): the real endpoint may run. */
    contractRun: boolean;
  }
}

export default defineConfig(({ mode }) => ({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    reporters: ['default', './src/coverage-reporter.ts'],
    provide: { contractRun: mode === 'contract' },
    // The HTTP target starts a mock server per suite; on a busy two-core machine that can take
    // seconds. The limits only bound a hang (the real target sets its own, longer ones).
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
}));
