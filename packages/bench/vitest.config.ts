import { defineConfig } from 'vitest/config';

// Only pure helpers are tested here; the benchmarks themselves run with `pnpm bench`.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
  },
});
