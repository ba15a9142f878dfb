import { SCENARIO_HEADER } from '../scenarios.js';

// The mock exists so that a browser app on another port (Vite, Storybook, the playground) can
// call it; it holds no user data and uses bearer tokens, not cookies, so any origin may call it.
const PREFLIGHT_MAX_AGE_SECONDS = 600;

export const CORS_HEADERS: Readonly<Record<string, string>> = {
  'Access-Control-Allow-Origin': '*',
  // Clients backing off on 429 need to read Retry-After from script.
  'Access-Control-Expose-Headers': 'Retry-After',
};

export function preflightHeaders(requestedHeaders: string | undefined): Record<string, string> {
  return {
    ...CORS_HEADERS,
    'Access-Control-Allow-Methods': 'GET, POST, DELETE, OPTIONS',
    'Access-Control-Allow-Headers':
      requestedHeaders || `Authorization, Content-Type, ${SCENARIO_HEADER}`,
    'Access-Control-Max-Age': String(PREFLIGHT_MAX_AGE_SECONDS),
  };
}
