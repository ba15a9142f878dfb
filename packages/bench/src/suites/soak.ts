import { setTimeout as delay } from 'node:timers/promises';
import { DEFAULT_STORE_LIMIT } from '@kyyvideo/mock';
import { measureHeapPerAsset } from '../diagnostics/heap-per-asset.js';
import { runLoad } from '../load/autocannon.js';
import type { ChildServer } from '../proc/child-server.js';
import { readCpuMs } from '../proc/cpu.js';
import { readProcessMemory, sampleMemory } from '../proc/memory.js';
import { formatBytes, formatCount, formatMiB, formatMicros, formatRate } from '../report/format.js';
import {
  createAsset,
  detailRequest,
  isSuccessEnvelope,
  splitBaseUrl,
  uploadRequest,
} from '../servers/api-requests.js';
import { startMock } from '../servers/mock-server.js';
import { slope } from '../stats/slope.js';
import type { BenchContext, SuiteResult } from './types.js';

const WARMUP_S = 2;
const SAMPLE_INTERVAL_MS = 1_000;
// Idle time after the load, so a collection can run and show what memory is really retained.
const SETTLE_MS = 5_000;
// Per-request retained heap above this, after collection, is a leak rather than allocator noise.
const LEAK_BYTES_PER_REQUEST = 64;
// An RSS slope below this over the second half of the soak counts as levelled off.
const PLATEAU_MIB_PER_MIN = 5;

export async function soakSuite(context: BenchContext): Promise<SuiteResult> {
  const { config, log } = context;
  let mock: ChildServer | undefined;
  try {
    mock = await startMock();
    const assetId = await createAsset(mock.url);
    const requests = [uploadRequest(mock.url), detailRequest(mock.url, assetId)];
    const origin = splitBaseUrl(mock.url).origin;
    const connections = config.soakConnections;
    await runLoad(config.cacheDir, { origin, connections, durationS: WARMUP_S, requests });
    const before = readProcessMemory(mock.pid).rss;
    log(`soak: ${connections} connections for ${config.soakS} s (upload and detail in turn)`);
    const sampler = sampleMemory(mock.pid, SAMPLE_INTERVAL_MS);
    const cpuBefore = readCpuMs(mock.pid);
    const result = await runLoad(config.cacheDir, {
      origin,
      connections,
      durationS: config.soakS,
      requests,
      checkBody: isSuccessEnvelope,
    });
    const samples = sampler.stop();
    const cpuPerRequest = (readCpuMs(mock.pid) - cpuBefore) / result.totalRequests;
    const atEnd = readProcessMemory(mock.pid);
    await delay(SETTLE_MS);
    const settled = readProcessMemory(mock.pid).rss;

    log('soak: retained heap per stored asset and per detail request (diagnostic, fresh process)');
    const heap = await measureHeapPerAsset();
    const detailBytesPerRequest = heap.detailGrowthBytes / heap.details;
    const leaks = detailBytesPerRequest > LEAK_BYTES_PER_REQUEST;

    const failures = result.errors + result.timeouts + result.non2xx + result.badBodies;
    // autocannon alternates the two requests on each connection, so about half were uploads;
    // the mock keeps the newest of them up to its store limit.
    const uploads = result.totalRequests / 2;
    const stored = Math.min(uploads, DEFAULT_STORE_LIMIT);
    const secondHalf = samples
      .filter((s) => s.atMs >= (config.soakS * 1000) / 2)
      .map((s) => ({ x: s.atMs / 60_000, y: s.rss }));
    const lateSlope = slope(secondHalf);
    const growth = settled - before;
    const verdict = failures === 0 ? 'PASS' : 'FAIL';
    return {
      name: 'soak',
      title: `6. Soak: kyy-mock under ${connections} connections for ${config.soakS} s`,
      problems: [
        ...(leaks
          ? [
              `soak: detail requests retain ${formatBytes(detailBytesPerRequest)} each after GC (leak)`,
            ]
          : []),
        ...(failures === 0
          ? []
          : [
              `soak: ${failures} failed requests (must be 0): ${result.errors} errors, ${result.timeouts} timeouts, ${result.non2xx} non-2xx, ${result.badBodies} bodies without a success envelope`,
            ]),
      ],
      headlines: [
        `Soak (${connections} connections, ${config.soakS} s, ${formatCount(result.totalRequests)} requests): ${failures} failures (${verdict}); RSS ${formatMiB(before)} → ${formatMiB(settled)} after settling, with about ${formatCount(uploads)} uploads answered and ${formatCount(stored)} assets kept (store limit); after garbage collection the mock retains ${formatBytes(heap.bytesPerStoredAsset)} per stored asset and ${formatBytes(detailBytesPerRequest)} per request that stores nothing (${leaks ? 'a leak' : 'no leak'}).`,
      ],
      sections: [
        {
          heading: 'Errors and memory',
          text: `Upload and detail in turn on every connection; every response body is checked for a success envelope. RSS is sampled every ${SAMPLE_INTERVAL_MS / 1000} s from /proc; "settled" is ${SETTLE_MS / 1000} s after the load stopped.`,
          table: {
            headers: ['measure', 'value'],
            rows: [
              ['requests', formatCount(result.totalRequests)],
              ['throughput', formatRate(result.requestsPerSec, ' req/s')],
              ['p50 / p99 latency', `${result.latencyP50Ms} / ${result.latencyP99Ms} ms`],
              ['mock CPU per request', formatMicros(cpuPerRequest)],
              [
                'errors / timeouts / non-2xx / bad bodies',
                `${result.errors} / ${result.timeouts} / ${result.non2xx} / ${result.badBodies}`,
              ],
              ['verdict (failures must be 0)', verdict],
              ['RSS after warm-up', formatMiB(before)],
              ['RSS at end of load', formatMiB(atEnd.rss)],
              ['RSS settled', formatMiB(settled)],
              ['peak RSS (VmHWM)', formatMiB(atEnd.peakRss)],
              ['growth (settled − warm-up)', formatMiB(growth)],
              ['assets kept at the end (store limit)', formatCount(stored)],
              ['growth per kept asset', formatBytes(growth / stored)],
              ['RSS slope, second half of the soak', `${formatMiB(lateSlope)}/min`],
              [
                'retained heap per stored asset (diagnostic)',
                formatBytes(heap.bytesPerStoredAsset),
              ],
              [
                `retained heap after ${formatCount(heap.details)} detail requests (diagnostic)`,
                `${formatBytes(heap.detailGrowthBytes)} (${formatBytes(detailBytesPerRequest)} per request)`,
              ],
              ['expected heap for the assets kept', formatMiB(stored * heap.bytesPerStoredAsset)],
            ],
          },
          notes: [
            `About ${formatCount(uploads)} uploads were answered; the mock is stateful and keeps the ${formatCount(DEFAULT_STORE_LIMIT)} most recently used (its default --store-limit), forgetting others as a delete would, so its memory levels off instead of growing with every upload. The diagnostic rows come from a fresh \`node --expose-gc\` process running the mock's handlers in process and collecting garbage before each reading: ${formatCount(heap.uploads)} uploads, then ${formatCount(heap.details)} detail requests that store nothing (after the bounded request log is already full).`,
            leaks
              ? `Detail requests kept ${formatBytes(detailBytesPerRequest)} each after garbage collection: something retains per-request state (a leak).`
              : `Requests that store nothing retain nothing measurable after garbage collection (${formatBytes(detailBytesPerRequest)} per request, within noise), and each stored asset keeps about ${formatBytes(heap.bytesPerStoredAsset)}: ${formatMiB(stored * heap.bytesPerStoredAsset)} for the assets kept. The rest of the RSS growth (${formatMiB(growth)} in all) is heap that V8 grew to under load and had not given back when the soak ended.`,
            lateSlope < PLATEAU_MIB_PER_MIN * 1024 * 1024
              ? `RSS levelled off in the second half of the soak (${formatMiB(lateSlope)}/min).`
              : `RSS was still rising in the second half of the soak (${formatMiB(lateSlope)}/min); a longer soak (BENCH_SOAK_S) shows whether it levels off.`,
          ],
        },
      ],
    };
  } finally {
    await mock?.stop();
  }
}
