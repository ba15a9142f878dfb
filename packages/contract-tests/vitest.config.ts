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
  },
}));
