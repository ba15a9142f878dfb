// Loopback-only helpers: a free port on 127.0.0.1 and bounded HTTP polling.

import { createServer } from 'node:net';

export const LOOPBACK = '127.0.0.1';
/** Between readiness probes: quick enough not to slow the test, slow enough not to spin. */
const POLL_INTERVAL_MS = 200;
/** A single probe; a local server that takes longer is not ready. */
const PROBE_TIMEOUT_MS = 2_000;

/** @returns {Promise<number>} a port that was free on 127.0.0.1 a moment ago */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, LOOPBACK, () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('could not read the port of a probe server'));
      });
    });
  });
}

/**
 * Polls `url` until it answers 2xx, or rejects after `timeoutMs`.
 * @param {string} url
 * @param {number} timeoutMs
 */
export async function waitForHttp(url, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
      if (response.ok) return;
      last = `HTTP ${response.status}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s (last: ${last})`);
}

/**
 * True when the URL points at this machine's loopback interface.
 * @param {string} url
 */
export function isLoopbackUrl(url) {
  const { hostname } = new URL(url);
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}
