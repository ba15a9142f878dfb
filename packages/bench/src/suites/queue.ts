import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestPostgres } from '@kyyvideo/jobs/postgres';
import type { ChildServer } from '../proc/child-server.js';
import { expectSuccess, runTimed } from '../proc/run-timed.js';
import { formatMs, formatRatio } from '../report/format.js';
import { startMock } from '../servers/mock-server.js';
import { workspaceBin } from '../servers/workspace-bins.js';
import { ratio } from '../stats/percentile.js';
import { kyyEnv } from './cli-cold-start.js';
import type { BenchContext, SuiteResult } from './types.js';

const WORKER_COUNTS = [1, 2, 4];
/** Rows each worker works on at once: the per-worker concurrency. */
const PER_WORKER_CONCURRENCY = 5;
/** A task takes this long at the mock: long enough that workers, not the machine, set the pace. */
const TASK_MS = 2_000;
const POLL_S = 0.2;
/** The target: two workers make at least this many times the videos of one. */
const TWO_WORKER_TARGET = 1.7;

/**
 * `kyy worker` processes sharing one PostgreSQL queue against one mock whose task queue admits
 * far more than they send (`--task-concurrency 1000`), so throughput can only grow with the
 * workers. Each cell is a fresh database: the batch is queued, then N workers start together
 * and are timed until the last one exits (`--exit-when-idle`).
 */
export async function queueSuite(context: BenchContext): Promise<SuiteResult> {
  const { config, log } = context;
  const rows = config.quick ? 40 : 200;
  const started = await startTestPostgres();
  if (!started.ok) {
    return {
      name: 'queue',
      title: '8. `kyy worker` on PostgreSQL: 1, 2 and 4 workers',
      headlines: [],
      sections: [{ heading: 'Not run', text: started.skip }],
      problems: [`queue: ${started.skip}`],
    };
  }
  const postgres = started.postgres;
  const dir = mkdtempSync(join(tmpdir(), 'kyy-bench-queue-'));
  let mock: ChildServer | undefined;
  try {
    mock = await startMock([
      '--task-queued',
      '0',
      '--task-processing',
      String(TASK_MS),
      '--task-concurrency',
      '1000',
      '--quiet',
    ]);
    const kyy = workspaceBin('@kyyvideo/cli', 'kyy');
    const env = kyyEnv(mock.url);
    const manifest = join(dir, 'videos.csv');
    const lines = Array.from(
      { length: rows },
      (_, i) => `bench video ${i + 1},kyyvideo2_fast,5,v${i + 1}.mp4`,
    );
    writeFileSync(manifest, `prompt,model,duration,out\n${lines.join('\n')}\n`);
    const table: string[][] = [];
    const perSecond: number[] = [];
    for (const workers of WORKER_COUNTS) {
      const url = await postgres.database();
      expectSuccess(
        'kyy videos batch --queue',
        await runTimed(process.execPath, [kyy, 'videos', 'batch', manifest, '--queue', url], {
          env,
        }),
      );
      log(
        `queue: ${rows} videos with ${workers} worker(s) of concurrency ${PER_WORKER_CONCURRENCY}`,
      );
      const outDir = join(dir, `out-${workers}`);
      const begin = performance.now();
      const runs = await Promise.all(
        Array.from({ length: workers }, () =>
          runTimed(
            process.execPath,
            [
              kyy,
              'worker',
              '--queue',
              url,
              '--out-dir',
              outDir,
              '--concurrency',
              String(PER_WORKER_CONCURRENCY),
              '--interval',
              String(POLL_S),
              '--exit-when-idle',
            ],
            { env },
          ),
        ),
      );
      const wallMs = performance.now() - begin;
      for (const run of runs) expectSuccess(`kyy worker (${workers} workers)`, run);
      const rate = rows / (wallMs / 1000);
      perSecond.push(rate);
      table.push([
        String(workers),
        String(workers * PER_WORKER_CONCURRENCY),
        formatMs(wallMs),
        // Single-digit rates: whole numbers would hide the differences between cells.
        `${rate.toFixed(2)} videos/s`,
        formatRatio(ratio(rate, perSecond[0] ?? rate)),
      ]);
    }
    const two = ratio(perSecond[1] ?? 0, perSecond[0] ?? 1);
    const four = ratio(perSecond[2] ?? 0, perSecond[0] ?? 1);
    return {
      name: 'queue',
      title: `8. \`kyy worker\` on PostgreSQL: ${rows} videos with 1, 2 and 4 workers`,
      headlines: [
        `Queue workers on PostgreSQL (${rows} videos, ${PER_WORKER_CONCURRENCY} rows per worker, ${TASK_MS / 1000} s tasks): 2 workers make ${formatRatio(two)} the videos per second of one (target ≥ ${TWO_WORKER_TARGET}×), 4 workers ${formatRatio(four)}.`,
      ],
      sections: [
        {
          heading: 'Videos per second by number of workers',
          text: `Each cell queues the same ${rows}-row manifest in a fresh database of a throw-away PostgreSQL cluster, then starts N \`kyy worker --concurrency ${PER_WORKER_CONCURRENCY} --interval ${POLL_S} --exit-when-idle\` processes together; the wall time runs from their start to the last exit (Node start-up, pg-boss start, create → poll → download of every video, and the idle check). The mock's tasks take ${TASK_MS / 1000} s and its queue admits 1000 at once, so only the workers limit the rate.`,
          table: {
            headers: ['workers', 'rows in flight', 'wall time', 'videos/s', 'vs 1 worker'],
            rows: table,
          },
        },
      ],
      ...(two < TWO_WORKER_TARGET && {
        problems: [
          `queue: 2 workers made ${formatRatio(two)} the rate of one (target ≥ ${TWO_WORKER_TARGET}×)`,
        ],
      }),
    };
  } finally {
    await mock?.stop();
    await postgres.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
