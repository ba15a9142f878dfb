import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Several tests start processes and servers on a shared, busy machine: they wait on events
    // (a printed URL, an answer), and these limits only catch a hang.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
