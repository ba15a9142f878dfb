import { SECRET_MASK } from '@kyyvideo/contract';
import { SCENARIOS } from '@kyyvideo/mock';
import { HttpResponse, http } from 'msw';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Check } from '../src/checks/check.js';
import { CONTRACT_CHECKS } from '../src/checks/index.js';
import { renderCoverageTable } from '../src/coverage.js';
import { runChecks } from '../src/runner.js';
import { startInProcessTarget } from '../src/targets/in-process.js';

// The latency scenario waits 3 s of real time per request; nothing here depends on it.
const CHECKS = CONTRACT_CHECKS.filter((check) => !check.id.endsWith('/latency'));

/** Everything written to the terminal while `run` runs. */
async function captureOutput<T>(run: () => Promise<T>): Promise<{ result: T; output: string }> {
  const chunks: string[] = [];
  const record = (...args: unknown[]) => {
    chunks.push(args.map(String).join(' '));
  };
  for (const stream of [process.stdout, process.stderr]) {
    vi.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => {
      record(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString());
      return true;
    });
  }
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    vi.spyOn(console, method).mockImplementation(record);
  }
  const result = await run();
  vi.restoreAllMocks();
  return { result, output: chunks.join('\n') };
}

/**
 * The lines that contain `secret`, with the secret itself masked — a failing assertion must not
 * print the very key it is guarding.
 */
function whereLeaked(text: string, secret: string): string[] {
  return text
    .split('\n')
    .filter((line) => line.includes(secret))
    .map((line) => line.split(secret).join('<THE KEY>'));
}

afterEach(() => {
  vi.restoreAllMocks();
});

/** A check that fails with the key in its message, as careless code would. */
const leakyCheck: Check = {
  id: 'leaky',
  title: 'throws the key',
  covers: [],
  async run(session) {
    throw new Error(`request failed with Authorization: Bearer ${session.target.apiKey}`);
  },
};

describe('the API key never appears in output', () => {
  it('is masked in failures even when the target echoes the Authorization header back', async () => {
    let key = '';
    const { result, output } = await captureOutput(async () => {
      const target = await startInProcessTarget({
        overrides: () => [
          // A target that repeats the credentials it was sent in every detail answer.
          http.get('*/kyyReactApiServer/kyyVideo2/asset/:assetId', ({ request }) =>
            HttpResponse.json({
              code: -1,
              msg: `no asset for ${request.headers.get('authorization')}`,
              data: null,
            }),
          ),
        ],
      });
      key = target.apiKey;
      return runChecks(target, [...CHECKS, leakyCheck]);
    });

    const failures = result.results.filter((r) => r.state === 'failed');
    // The echo breaks every check that reads an asset back, so there are messages to inspect.
    expect(failures.map((f) => f.id)).toContain('lifecycle');
    expect(failures.map((f) => f.id)).toContain('leaky');
    const leaky = failures.find((f) => f.id === 'leaky');
    expect(leaky?.message).toContain(`Bearer ${SECRET_MASK}`);

    const everything = [
      output,
      JSON.stringify(result.results),
      JSON.stringify(result.cleanup),
      JSON.stringify(result.session.exchanges.map(({ headers: _headers, ...rest }) => rest)),
      renderCoverageTable(
        result.results.map((r) => ({
          meta: { target: 'in-process', covers: [] },
          state: r.state,
        })),
        SCENARIOS,
      ),
    ].join('\n');
    expect(key.length).toBeGreaterThan(16);
    expect(whereLeaked(everything, key)).toEqual([]);
  });

  it('is never recorded: exchanges keep only which credentials were used', async () => {
    const target = await startInProcessTarget();
    const { session } = await runChecks(
      target,
      CHECKS.filter((check) => check.id.startsWith('auth/')),
    );
    expect(new Set(session.exchanges.map((e) => e.auth))).toEqual(
      new Set(['session-key', 'none', 'other']),
    );
    expect(whereLeaked(JSON.stringify(session.exchanges), target.apiKey)).toEqual([]);
  });
});
