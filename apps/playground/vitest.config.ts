import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

/** Building the app and starting Chromium take a while on a cold or busy two-core machine. */
const E2E_SETUP_TIMEOUT_MS = 300_000;
/** One e2e test drives a whole upload → review → delete flow in a real browser. */
const E2E_TEST_TIMEOUT_MS = 240_000;

export default defineConfig({
  test: {
    projects: [
      {
        plugins: [react()],
        test: {
          name: 'unit',
          include: ['src/**/*.test.{ts,tsx}', 'config/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: E2E_TEST_TIMEOUT_MS,
          hookTimeout: E2E_SETUP_TIMEOUT_MS,
          // One browser and one preview server, driven step by step.
          fileParallelism: false,
        },
      },
    ],
  },
});
