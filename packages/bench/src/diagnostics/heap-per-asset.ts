import { BENCH_PACKAGE_DIR } from '../config.js';
import { expectSuccess, runTimed } from '../proc/run-timed.js';

const CHILD = new URL('./heap-child.js', import.meta.url).pathname;

export interface HeapFigures {
  uploads: number;
  details: number;
  bytesPerStoredAsset: number;
  detailGrowthBytes: number;
}

/** Runs heap-child.ts in a fresh `node --expose-gc` and returns its figures. */
export async function measureHeapPerAsset(): Promise<HeapFigures> {
  const run = expectSuccess(
    'heap diagnostic',
    await runTimed(process.execPath, ['--expose-gc', CHILD], { cwd: BENCH_PACKAGE_DIR }),
  );
  return JSON.parse(run.stdout.trim().split('\n').pop() ?? '') as HeapFigures;
}
