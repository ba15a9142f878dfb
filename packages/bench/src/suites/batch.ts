import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runLoad } from '../load/autocannon.js';
import type { ChildServer } from '../proc/child-server.js';
import { expectSuccess, runTimed } from '../proc/run-timed.js';
import { connectionsText, formatMs, formatRate, formatRatio } from '../report/format.js';
import { BENCH_TOKEN, splitBaseUrl, uploadRequest } from '../servers/api-requests.js';
import { startMock } from '../servers/mock-server.js';
import { workspaceBin } from '../servers/workspace-bins.js';
import { ratio } from '../stats/percentile.js';
import { kyyEnv } from './cli-cold-start.js';
import type { BenchContext, SuiteResult } from './types.js';

const CONCURRENCIES = [1, 4, 16];
// Raw capacity at the batch's own concurrency: a short autocannon run is enough for a mean.
const MAX_CAPACITY_RUN_S = 5;

/** A manifest of distinct uploads (distinct URLs, so no item looks like a repeat of another). */
export function buildManifest(size: number): { type: string; url: string; name: string }[] {
  return Array.from({ length: size }, (_, i) => ({
    type: 'Image',
    url: `https://example.com/bench/${i}.jpg`,
    name: `bench ${i}`,
  }));
}

/**
 * The same uploads from a bare Node script with the global fetch at the same concurrency, run
 * as its own process like the CLI: the floor for any fetch-based tool on this machine.
 * Prints the number of success envelopes it got.
 */
const RAW_FETCH_SCRIPT = `
const { BASE, TOKEN, COUNT, CONCURRENCY } = process.env;
let next = 0;
let ok = 0;
async function worker() {
  while (next < Number(COUNT)) {
    const i = next++;
    const response = await fetch(BASE + '/kyyVideo2/asset/upload', {
      method: 'POST',
      headers: { authorization: 'Bearer ' + TOKEN, 'content-type': 'application/json' },
      body: JSON.stringify({ assetType: 'Image', url: 'https://example.com/raw/' + i + '.jpg', name: 'raw ' + i }),
    });
    const envelope = await response.json();
    if (envelope.code === 0) ok++;
  }
}
await Promise.all(Array.from({ length: Number(CONCURRENCY) }, worker));
console.log(ok);
`;

/** Pulls `summary.succeeded` out of `kyy --json assets batch` output, wherever it is nested. */
export function succeededCount(stdout: string): number {
  const doc = JSON.parse(stdout) as unknown;
  const stack = [doc];
  while (stack.length) {
    const value = stack.pop();
    if (value && typeof value === 'object') {
      const summary = (value as { summary?: { succeeded?: unknown } }).summary;
      if (typeof summary?.succeeded === 'number') return summary.succeeded;
      stack.push(...Object.values(value));
    }
  }
  throw new Error('kyy --json assets batch printed no summary.succeeded');
}

export async function batchSuite(context: BenchContext): Promise<SuiteResult> {
  const { config, log } = context;
  const dir = mkdtempSync(join(tmpdir(), 'kyy-bench-batch-'));
  let mock: ChildServer | undefined;
  try {
    mock = await startMock();
    const manifest = join(dir, 'manifest.json');
    writeFileSync(manifest, JSON.stringify(buildManifest(config.batchSize)));
    const kyy = workspaceBin('@kyyvideo/cli', 'kyy');
    const env = kyyEnv(mock.url);
    const peak = context.shared.mockUploadCapacity;
    const peakRps = peak ? Math.max(...peak.map((p) => p.requestsPerSec)) : Number.NaN;
    const rows: string[][] = [];
    const headlineParts: string[] = [];
    for (const concurrency of CONCURRENCIES) {
      log(`batch: raw upload capacity at ${connectionsText(concurrency)}`);
      const raw = await runLoad(config.cacheDir, {
        origin: splitBaseUrl(mock.url).origin,
        connections: concurrency,
        durationS: Math.min(config.durationS, MAX_CAPACITY_RUN_S),
        requests: [uploadRequest(mock.url)],
      });
      log(`batch: kyy assets batch of ${config.batchSize} at --concurrency ${concurrency}`);
      const results = join(dir, `results-${concurrency}.jsonl`);
      const run = expectSuccess(
        `kyy assets batch --concurrency ${concurrency}`,
        await runTimed(
          process.execPath,
          [
            kyy,
            '--json',
            'assets',
            'batch',
            manifest,
            '--concurrency',
            String(concurrency),
            '--results',
            results,
          ],
          { env },
        ),
      );
      const succeeded = succeededCount(run.stdout);
      if (succeeded !== config.batchSize) {
        throw new Error(`kyy assets batch uploaded ${succeeded} of ${config.batchSize}`);
      }
      log(`batch: raw-fetch script, ${config.batchSize} uploads at ${concurrency} in flight`);
      const rawScript = expectSuccess(
        'raw fetch script',
        await runTimed(process.execPath, ['--input-type=module', '-e', RAW_FETCH_SCRIPT], {
          env: {
            PATH: process.env.PATH,
            BASE: mock.url,
            TOKEN: BENCH_TOKEN,
            COUNT: String(config.batchSize),
            CONCURRENCY: String(concurrency),
          },
        }),
      );
      if (Number(rawScript.stdout.trim()) !== config.batchSize) {
        throw new Error(
          `the raw fetch script got ${rawScript.stdout.trim()} successes of ${config.batchSize}`,
        );
      }
      const rawScriptPerSecond = config.batchSize / (rawScript.wallMs / 1000);
      const perSecond = config.batchSize / (run.wallMs / 1000);
      rows.push([
        String(concurrency),
        formatMs(run.wallMs),
        formatRate(perSecond),
        formatRate(rawScriptPerSecond),
        formatRatio(ratio(perSecond, rawScriptPerSecond)),
        formatRate(raw.requestsPerSec),
        formatRatio(ratio(perSecond, raw.requestsPerSec)),
        formatRatio(ratio(perSecond, peakRps)),
      ]);
      headlineParts.push(
        `${formatRate(perSecond, ' uploads/s')} at concurrency ${concurrency} (${formatRatio(ratio(perSecond, rawScriptPerSecond))} a bare fetch script, ${formatRatio(ratio(perSecond, raw.requestsPerSec))} the mock's raw capacity at ${connectionsText(concurrency)})`,
      );
    }
    return {
      name: 'batch',
      title: `5. \`kyy assets batch\`: ${config.batchSize} uploads against the mock`,
      headlines: [
        `Batch of ${config.batchSize} uploads with \`kyy assets batch\`: ${headlineParts.join('; ')}.`,
      ],
      sections: [
        {
          heading: 'Uploads per second',
          text: `Wall time of the whole command (Node start-up, manifest parsing, the results file it appends to for resuming, and every upload), against a fresh kyy-mock. The "raw fetch script" is a bare Node process sending the same number of uploads with the global fetch at the same concurrency (start-up included): the floor for a fetch-based tool. "Mock raw capacity" is autocannon sending the same upload at the same number of connections for ${Math.min(config.durationS, MAX_CAPACITY_RUN_S)} s, just before; "peak" is the best upload figure from suite 3${peak ? '' : ' (suite 3 did not run, so n/a)'}.`,
          table: {
            headers: [
              'concurrency',
              'kyy wall time',
              'kyy uploads/s',
              'raw fetch script uploads/s',
              'kyy ÷ raw fetch script',
              'mock raw capacity (autocannon, same connections)',
              'batch ÷ raw (same connections)',
              'batch ÷ peak raw (suite 3)',
            ],
            rows,
          },
        },
      ],
    };
  } finally {
    await mock?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
