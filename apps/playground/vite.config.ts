import { defineConfig } from 'vite';
import { createPlaygroundConfig } from './config/playground-config.js';

// KYY_PLAYGROUND_REAL_BASE_URL lets you forward the "Real service" target somewhere else (a
// staging host, or a local mock server to rehearse); by default it is the documented base URL.
export default defineConfig(
  createPlaygroundConfig({ realBaseUrl: process.env.KYY_PLAYGROUND_REAL_BASE_URL }),
);
