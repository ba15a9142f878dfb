import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningMockServer, startMockServer } from '@kyyvideo/mock/server';
import { expectSuccess, runTimed } from '../proc/run-timed.js';
import { formatMs, formatRatio } from '../report/format.js';
import { BENCH_TOKEN } from '../servers/api-requests.js';
import { workspaceBin } from '../servers/workspace-bins.js';
import { ratio } from '../stats/percentile.js';
import { kyyEnv } from './cli-cold-start.js';
import type { BenchContext, SuiteResult } from './types.js';

// The setting: tasks of about 2 s, a provider that processes 10 at once, 10 in flight,
// a poll every second.
const TASK_MS = 2_000;
const SLOTS = 10;
const CONCURRENCY = 10;
const INTERVAL_S = 1;
const FULL_VIDEOS = 200;
const QUICK_VIDEOS = 40;
/** The target: the batch within 1.1× the bare pipeline's wall time. */
const TARGET_RATIO = 1.1;

/**
 * The same job with nothing but the global fetch, in its own process like the CLI: create, poll
 * every second until completed, download the MP4 into memory, 10 rows at a time. The floor for
 * any tool doing create → poll → download. Prints the number of videos it got.
 */
const BARE_PIPELINE_SCRIPT = `
const { BASE, TOKEN, COUNT, CONCURRENCY, INTERVAL_MS } = process.env;
const origin = new URL(BASE).origin;
const headers = { authorization: 'Bearer ' + TOKEN, 'content-type': 'application/json' };
let next = 0;
let videos = 0;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
async function worker() {
  while (next < Number(COUNT)) {
    const i = next++;
    const created = await (await fetch(BASE + '/v1/kyyvideo2/videos', {
      method: 'POST', headers,
      body: JSON.stringify({ model: 'kyyvideo2_fast', prompt: 'bare ' + i, duration: 5 }),
    })).json();
    let task;
    for (;;) {
      await sleep(Number(INTERVAL_MS));
      task = await (await fetch(BASE + '/v1/result/' + created.id, { headers })).json();
      if (task.status === 'completed' || task.status === 'failed') break;
    }
    if (task.status !== 'completed') continue;
    const body = await (await fetch(new URL(task.video_url, origin))).arrayBuffer();
    if (body.byteLength > 0) videos++;
  }
}
await Promise.all(Array.from({ length: Number(CONCURRENCY) }, worker));
console.log(videos);
`;

function manifest(count: number): string {
  const rows = Array.from(
    { length: count },
    (_, i) => `bench video ${i},kyyvideo2_fast,5,v${i}.mp4`,
  );
  return `prompt,model,duration,out\n${rows.join('\n')}\n`;
}

export async function videosBatchSuite(context: BenchContext): Promise<SuiteResult> {
  const { config, log } = context;
  const count = config.quick ? QUICK_VIDEOS : FULL_VIDEOS;
  const dir = mkdtempSync(join(tmpdir(), 'kyy-bench-videos-'));
  let mock: RunningMockServer | undefined;
  try {
    // In this process, so its request log counts the requests of each run; the bench itself
    // only waits while the two pipelines run as their own processes.
    mock = await startMockServer({
      port: 0,
      host: '127.0.0.1',
      taskQueuedMs: 0,
      taskProcessingMs: TASK_MS,
      taskConcurrency: SLOTS,
    });
    const requests = () => (mock as RunningMockServer).mock.requests().length;
    writeFileSync(join(dir, 'm.csv'), manifest(count));

    log(`videos: kyy videos batch of ${count} at --concurrency ${CONCURRENCY}`);
    const before = requests();
    const kyy = expectSuccess(
      'kyy videos batch',
      await runTimed(
        process.execPath,
        [
          workspaceBin('@kyyvideo/cli', 'kyy'),
          '--json',
          'videos',
          'batch',
          join(dir, 'm.csv'),
          '--out-dir',
          join(dir, 'out'),
          '--concurrency',
          String(CONCURRENCY),
          '--interval',
          String(INTERVAL_S),
        ],
        { env: kyyEnv(mock.url) },
      ),
    );
    const kyyRequests = requests() - before;
    const downloaded = (JSON.parse(kyy.stdout) as { counts: { downloaded?: number } }).counts
      .downloaded;
    if (downloaded !== count)
      throw new Error(`kyy videos batch downloaded ${downloaded} of ${count}`);

    log(`videos: bare fetch pipeline, ${count} videos at ${CONCURRENCY} in flight`);
    const bareBefore = requests();
    const bare = expectSuccess(
      'bare fetch pipeline',
      await runTimed(process.execPath, ['--input-type=module', '-e', BARE_PIPELINE_SCRIPT], {
        env: {
          PATH: process.env.PATH,
          BASE: mock.url,
          TOKEN: BENCH_TOKEN,
          COUNT: String(count),
          CONCURRENCY: String(CONCURRENCY),
          INTERVAL_MS: String(INTERVAL_S * 1000),
        },
      }),
    );
    const bareRequests = requests() - bareBefore;
    if (Number(bare.stdout.trim()) !== count) {
      throw new Error(`the bare pipeline got ${bare.stdout.trim()} videos of ${count}`);
    }
    const wallRatio = ratio(kyy.wallMs, bare.wallMs);
    const problems =
      wallRatio > TARGET_RATIO
        ? [
            `videos: kyy videos batch took ${formatRatio(wallRatio)} the bare pipeline's wall time (target ≤ ${TARGET_RATIO}×)`,
          ]
        : [];
    return {
      name: 'videos',
      title: `7. \`kyy videos batch\`: ${count} videos against the mock`,
      headlines: [
        `${count} videos with \`kyy videos batch\` at concurrency ${CONCURRENCY}: ${formatMs(kyy.wallMs)}, ${formatRatio(wallRatio)} the wall time of a bare fetch pipeline (target ≤ ${TARGET_RATIO}×), ${(kyyRequests / count).toFixed(1)} requests per video (bare: ${(bareRequests / count).toFixed(1)}).`,
      ],
      sections: [
        {
          heading: 'Wall time and requests per video',
          text: `The mock's tasks take ${TASK_MS / 1000} s and ${SLOTS} process at once (\`--task-concurrency ${SLOTS}\`); both pipelines keep ${CONCURRENCY} rows in flight and poll every ${INTERVAL_S} s. kyy writes every step to its results file before acting, checks each row with the contract's rules, and writes each MP4 atomically and checks it; the bare pipeline (a Node process with the global fetch) only creates, polls and reads each MP4 into memory. Requests are counted by the mock (creates, polls and video downloads).`,
          table: {
            headers: ['pipeline', 'wall time', 'videos', 'requests', 'requests per video'],
            rows: [
              [
                '`kyy videos batch`',
                formatMs(kyy.wallMs),
                String(count),
                String(kyyRequests),
                (kyyRequests / count).toFixed(2),
              ],
              [
                'bare fetch pipeline',
                formatMs(bare.wallMs),
                String(count),
                String(bareRequests),
                (bareRequests / count).toFixed(2),
              ],
              ['kyy ÷ bare', formatRatio(wallRatio), '', '', ''],
            ],
          },
        },
      ],
      problems,
    };
  } finally {
    await mock?.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
