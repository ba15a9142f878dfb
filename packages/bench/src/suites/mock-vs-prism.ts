import { type InProcessCost, measureMockInProcess } from '../diagnostics/mock-in-process.js';
import { type LoadRequest, type LoadResult, runLoad } from '../load/autocannon.js';
import type { ChildServer } from '../proc/child-server.js';
import { readCpuMs } from '../proc/cpu.js';
import { readProcessMemory } from '../proc/memory.js';
import {
  connectionsText,
  formatMiB,
  formatMicros,
  formatMs,
  formatRate,
  formatRatio,
} from '../report/format.js';
import {
  createAsset,
  detailRequest,
  sendOnce,
  splitBaseUrl,
  uploadRequest,
} from '../servers/api-requests.js';
import { startMock } from '../servers/mock-server.js';
import { startPrism } from '../servers/prism.js';
import { ratio } from '../stats/percentile.js';
import type { BenchContext, Section, SuiteResult } from './types.js';

// One short run per server and endpoint before measuring, so neither is measured while its
// JIT is still warming up.
const WARMUP_S = 1;
const WARMUP_CONNECTIONS = 10;

interface Target {
  label: string;
  server: ChildServer;
  requests: { upload: LoadRequest; detail: LoadRequest };
}

type Endpoint = 'upload' | 'detail';
const ENDPOINTS: Endpoint[] = ['upload', 'detail'];

/**
 * Mean latency from throughput (Little's law: connections ÷ requests per second). autocannon's
 * own mean is averaged over whole-millisecond samples, useless below a few ms.
 */
export function meanLatencyMs(result: LoadResult): number {
  return (result.connections * 1000) / result.requestsPerSec;
}

function latency(result: LoadResult): string {
  return `${formatMs(meanLatencyMs(result))} / ${result.latencyP50Ms} / ${result.latencyP99Ms} ms`;
}

function failures(result: LoadResult): number {
  return result.errors + result.timeouts + result.non2xx;
}

async function prepareTarget(label: string, server: ChildServer): Promise<Target> {
  const assetId = await createAsset(server.url);
  const requests = {
    upload: uploadRequest(server.url),
    detail: detailRequest(server.url, assetId),
  };
  // Never benchmark an error page: both calls must answer a success envelope first.
  await sendOnce(server.url, requests.upload);
  await sendOnce(server.url, requests.detail);
  return { label, server, requests };
}

// Below this, a difference between two in-process timings is within this machine's noise.
const NOTICEABLE_RATIO = 1.1;

function requestLogNote(fresh: InProcessCost, full: InProcessCost): string {
  const mean = ratio(full.meanMs, fresh.meanMs);
  const p99 = ratio(full.p99Ms, fresh.p99Ms);
  const figures = `${formatRatio(mean)} the mean and ${formatRatio(p99)} the p99 of a detail request with an empty log`;
  return mean >= NOTICEABLE_RATIO || p99 >= NOTICEABLE_RATIO
    ? `With the mock's bounded request log full, a detail request costs ${figures}: past its limit the log copies all its entries on every request, which also feeds the garbage collector.`
    : `With the mock's bounded request log full, a detail request costs ${figures}: no noticeable difference in this run.`;
}

export async function mockVsPrismSuite(context: BenchContext): Promise<SuiteResult> {
  const { config, log } = context;
  const servers: ChildServer[] = [];
  try {
    log('mock: starting kyy-mock and Prism');
    const mock = await startMock();
    servers.push(mock);
    const prism = await startPrism(config.cacheDir);
    servers.push(prism);
    const targets = [await prepareTarget('kyy-mock', mock), await prepareTarget('Prism', prism)];
    const idle = new Map(targets.map((t) => [t.label, readProcessMemory(t.server.pid).rss]));
    const key = (label: string, endpoint: Endpoint, connections: number) =>
      `${label}|${endpoint}|${connections}`;

    // Server CPU time per request, from /proc: unlike throughput it hardly depends on what
    // else the machine is doing, so it is the steadier efficiency figure.
    const cpuPerRequest = new Map<string, number>();
    const load = async (
      target: Target,
      endpoint: Endpoint,
      connections: number,
      durationS: number,
    ) => {
      const cpuBefore = readCpuMs(target.server.pid);
      const result = await runLoad(config.cacheDir, {
        origin: splitBaseUrl(target.server.url).origin,
        connections,
        durationS,
        requests: [target.requests[endpoint]],
      });
      cpuPerRequest.set(
        key(target.label, endpoint, connections),
        (readCpuMs(target.server.pid) - cpuBefore) / result.totalRequests,
      );
      return result;
    };

    for (const target of targets) {
      for (const endpoint of ENDPOINTS) {
        log(`mock: warming up ${target.label} ${endpoint}`);
        await load(target, endpoint, WARMUP_CONNECTIONS, WARMUP_S);
      }
    }

    const results = new Map<string, LoadResult>();
    let flip = false;
    for (const endpoint of ENDPOINTS) {
      for (const connections of config.connections) {
        // Alternate which server goes first so slow drift on the machine favours neither.
        const order = flip ? [...targets].reverse() : targets;
        flip = !flip;
        for (const target of order) {
          log(
            `mock: ${target.label} ${endpoint} × ${connections} connections for ${config.durationS} s`,
          );
          results.set(
            key(target.label, endpoint, connections),
            await load(target, endpoint, connections, config.durationS),
          );
        }
      }
    }
    const memory = new Map(targets.map((t) => [t.label, readProcessMemory(t.server.pid)]));

    const sections: Section[] = [];
    const headlines: string[] = [];
    for (const endpoint of ENDPOINTS) {
      const rows: string[][] = [];
      const notes: string[] = [];
      for (const connections of config.connections) {
        const ours = results.get(key('kyy-mock', endpoint, connections)) as LoadResult;
        const peer = results.get(key('Prism', endpoint, connections)) as LoadResult;
        rows.push([
          String(connections),
          formatRate(ours.requestsPerSec),
          formatRate(peer.requestsPerSec),
          formatRatio(ratio(ours.requestsPerSec, peer.requestsPerSec)),
          latency(ours),
          latency(peer),
          formatRatio(ratio(meanLatencyMs(ours), meanLatencyMs(peer))),
          `${failures(ours)} / ${failures(peer)}`,
        ]);
        if (failures(ours) || failures(peer)) {
          notes.push(
            `${connectionsText(connections)}: kyy-mock ${ours.errors} errors, ${ours.timeouts} timeouts, ${ours.non2xx} non-2xx; Prism ${peer.errors}, ${peer.timeouts}, ${peer.non2xx}.`,
          );
        }
        if (ours.requestsPerSec < peer.requestsPerSec) {
          notes.push(
            `At ${connectionsText(connections)} kyy-mock serves fewer ${endpoint} requests per second than Prism (${formatRatio(ratio(ours.requestsPerSec, peer.requestsPerSec))}); see "Findings".`,
          );
        }
      }
      if (endpoint === 'upload') {
        context.shared.mockUploadCapacity = config.connections.map((connections) => ({
          connections,
          requestsPerSec: (results.get(key('kyy-mock', 'upload', connections)) as LoadResult)
            .requestsPerSec,
        }));
      }
      const top = Math.max(...config.connections);
      const oursTop = results.get(key('kyy-mock', endpoint, top)) as LoadResult;
      const peerTop = results.get(key('Prism', endpoint, top)) as LoadResult;
      headlines.push(
        `Mock server, ${endpoint} at ${top} connections: kyy-mock ${formatRate(oursTop.requestsPerSec, ' req/s')} vs Prism ${formatRate(peerTop.requestsPerSec, ' req/s')} = ${formatRatio(ratio(oursTop.requestsPerSec, peerTop.requestsPerSec))} Prism's throughput.`,
      );
      sections.push({
        heading:
          endpoint === 'upload'
            ? 'Upload (POST /kyyVideo2/asset/upload)'
            : 'Detail (GET /kyyVideo2/asset/{assetId})',
        text: `autocannon, ${config.durationS} s per cell, keep-alive, no pipelining. Latency columns are mean / p50 / p99. The mean is connections ÷ throughput (Little's law); autocannon records whole milliseconds, so its p50 and p99 have 1 ms resolution.`,
        table: {
          headers: [
            'connections',
            'kyy-mock req/s',
            'Prism req/s',
            'throughput ratio (mock ÷ Prism)',
            'kyy-mock latency',
            'Prism latency',
            'mean latency ratio (mock ÷ Prism)',
            'failures (mock / Prism)',
          ],
          rows,
        },
        notes,
      });
    }

    const cpuRows: string[][] = [];
    for (const endpoint of ENDPOINTS) {
      for (const connections of config.connections) {
        const ours = cpuPerRequest.get(key('kyy-mock', endpoint, connections)) ?? Number.NaN;
        const peer = cpuPerRequest.get(key('Prism', endpoint, connections)) ?? Number.NaN;
        cpuRows.push([
          endpoint,
          String(connections),
          formatMicros(ours),
          formatMicros(peer),
          formatRatio(ratio(ours, peer)),
        ]);
      }
    }
    const top = Math.max(...config.connections);
    const cpuAt = (label: string, endpoint: Endpoint) =>
      cpuPerRequest.get(key(label, endpoint, top)) ?? Number.NaN;
    headlines.push(
      `Mock server CPU per request at ${top} connections: upload ${formatMicros(cpuAt('kyy-mock', 'upload'))} vs Prism ${formatMicros(cpuAt('Prism', 'upload'))} (${formatRatio(ratio(cpuAt('kyy-mock', 'upload'), cpuAt('Prism', 'upload')))}), detail ${formatMicros(cpuAt('kyy-mock', 'detail'))} vs ${formatMicros(cpuAt('Prism', 'detail'))} (${formatRatio(ratio(cpuAt('kyy-mock', 'detail'), cpuAt('Prism', 'detail')))}).`,
    );
    sections.push({
      heading: 'Server CPU time per request',
      text: 'User + system CPU time of each server process over each run above (from /proc/<pid>/stat, 10 ms ticks) divided by the requests it answered. This is the efficiency figure least disturbed by other load on the machine.',
      table: {
        headers: ['endpoint', 'connections', 'kyy-mock', 'Prism', 'ratio (mock ÷ Prism)'],
        rows: cpuRows,
      },
    });

    const ourMemory = memory.get('kyy-mock');
    const peerMemory = memory.get('Prism');
    if (ourMemory && peerMemory) {
      sections.push({
        heading: 'Memory',
        text: 'Resident set size read from /proc/<pid>/status: VmRSS when idle (started, one asset created, before any load) and VmHWM (peak) after every run above.',
        table: {
          headers: ['server', 'idle RSS', 'peak RSS (VmHWM)', 'peak ratio (mock ÷ Prism)'],
          rows: targets.map((target) => {
            const peak = (memory.get(target.label) ?? ourMemory).peakRss;
            return [
              target.label,
              formatMiB(idle.get(target.label) ?? Number.NaN),
              formatMiB(peak),
              formatRatio(ratio(peak, peerMemory.peakRss)),
            ];
          }),
        },
        notes: [
          'The mock keeps every uploaded asset in memory (it is stateful: detail, review and delete act on them), so its peak includes the assets created by the upload runs; Prism answers fixed examples and stores nothing.',
        ],
      });
      headlines.push(
        `Mock server peak memory: kyy-mock ${formatMiB(ourMemory.peakRss)} vs Prism ${formatMiB(peerMemory.peakRss)} = ${formatRatio(ratio(ourMemory.peakRss, peerMemory.peakRss))}.`,
      );
    }
    log('mock: in-process cost of the mock without HTTP (diagnostic)');
    const inProcess = await measureMockInProcess();
    const httpUpload = results.get(key('kyy-mock', 'upload', 1));
    const httpDetail = results.get(key('kyy-mock', 'detail', 1));
    const httpMs = (label: string) => {
      const run = label.startsWith('upload') ? httpUpload : httpDetail;
      return run ? meanLatencyMs(run) : Number.NaN;
    };
    const byLabel = (prefix: string) => inProcess.find((row) => row.label.startsWith(prefix));
    const fullDetail = byLabel('detail, request log full');
    const freshDetail = byLabel('detail, request log not full');
    sections.push({
      heading: "Diagnostic: where kyy-mock's time goes",
      text: "The mock's handlers called in this process through msw's `getResponse`, exactly as the standalone server calls them, without HTTP (the Fetch API Request is built and the Response body read). Compared with the mean time per request over HTTP at 1 connection from the tables above; the rest is node:http, the Node↔Fetch bridging and the load generator.",
      table: {
        headers: ['path', 'mean', 'p50', 'p99', 'mean ÷ HTTP mean at 1 connection'],
        rows: inProcess.map((row) => [
          row.label,
          formatMs(row.meanMs),
          formatMs(row.p50Ms),
          formatMs(row.p99Ms),
          formatRatio(ratio(row.meanMs, httpMs(row.label))),
        ]),
      },
      notes: fullDetail && freshDetail ? [requestLogNote(freshDetail, fullDetail)] : [],
    });
    return {
      name: 'mock',
      title: '3. Mock server under load: kyy-mock vs Prism',
      sections,
      headlines,
    };
  } finally {
    for (const server of servers.reverse()) await server.stop();
  }
}
