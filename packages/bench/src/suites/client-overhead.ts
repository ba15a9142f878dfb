import type { paths } from '@kyyvideo/contract';
import { throughputRounds, timeSequential, type Variant } from '../load/sequential.js';
import type { ChildServer } from '../proc/child-server.js';
import { formatMicros, formatMs, formatRate, formatRatio } from '../report/format.js';
import type { Table } from '../report/table.js';
import { BENCH_TOKEN, UPLOAD_INPUT } from '../servers/api-requests.js';
import { startCannedServer } from '../servers/canned.js';
import { DETAIL_BODY, UPLOAD_BODY } from '../servers/canned-bodies.js';
import { ratio, type Summary, summarize } from '../stats/percentile.js';
import { createTinyClient } from '../zero-dep/tiny-client.js';
import type { BenchContext, Section, SuiteResult } from './types.js';

const ASSET_ID = 'asset-20260330142158-q75m8';
// Enough warm-up calls for V8 to optimise every variant's hot path before timing starts.
const WARMUP_CALLS = 300;
// Calls per variant per round; small rounds interleave the variants finely.
const ROUND_SIZE = 100;
// In-flight calls for the throughput column: enough to keep the server busy on 2 cores.
const IN_FLIGHT = 16;
// Throughput is measured in rounds that rotate the callers' order, like the latency samples.
const THROUGHPUT_ROUNDS = 4;
const RAW = 'raw fetch + res.json()';
const TINY = 'hand-written zero-dependency client';
const OPENAPI_FETCH = 'openapi-fetch alone (no envelope checks)';
const STRICT = "@kyyvideo/client, validate: 'strict'";
const OFF = "@kyyvideo/client, validate: 'off'";

type Operation = 'upload' | 'get';

interface Measured {
  label: string;
  summary: Summary;
  perSecond?: number;
}

async function buildVariants(baseUrl: string, fetchImpl: typeof fetch | undefined) {
  const { createKyyClient } = await import('@kyyvideo/client');
  const { default: createOpenApiClient } = await import('openapi-fetch');
  const common = { apiKey: BENCH_TOKEN, baseUrl, ...(fetchImpl ? { fetch: fetchImpl } : {}) };
  const strict = createKyyClient({ ...common, validate: 'strict' });
  const off = createKyyClient({ ...common, validate: 'off' });
  const tiny = createTinyClient(common);
  // The peer the client is built on, called the way the client calls it, minus everything else.
  const openapi = createOpenApiClient<paths>({
    baseUrl,
    headers: { authorization: `Bearer ${BENCH_TOKEN}` },
    ...(fetchImpl ? { fetch: fetchImpl } : {}),
  });
  const doFetch = fetchImpl ?? fetch;
  const uploadBody = JSON.stringify(UPLOAD_INPUT);
  const headers = { authorization: `Bearer ${BENCH_TOKEN}` };
  const raw: Record<Operation, () => Promise<unknown>> = {
    upload: async () =>
      (
        await doFetch(`${baseUrl}/kyyVideo2/asset/upload`, {
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/json' },
          body: uploadBody,
        })
      ).json(),
    get: async () => (await doFetch(`${baseUrl}/kyyVideo2/asset/${ASSET_ID}`, { headers })).json(),
  };
  return (operation: Operation): Variant[] => [
    { label: RAW, call: raw[operation] },
    {
      label: TINY,
      call: operation === 'upload' ? () => tiny.upload(UPLOAD_INPUT) : () => tiny.get(ASSET_ID),
    },
    {
      label: OPENAPI_FETCH,
      call:
        operation === 'upload'
          ? () => openapi.POST('/kyyVideo2/asset/upload', { body: UPLOAD_INPUT })
          : () =>
              openapi.GET('/kyyVideo2/asset/{assetId}', {
                params: { path: { assetId: ASSET_ID } },
              }),
    },
    {
      label: STRICT,
      call:
        operation === 'upload'
          ? () => strict.assets.upload(UPLOAD_INPUT)
          : () => strict.assets.get(ASSET_ID),
    },
    {
      label: OFF,
      call:
        operation === 'upload'
          ? () => off.assets.upload(UPLOAD_INPUT)
          : () => off.assets.get(ASSET_ID),
    },
  ];
}

/** Answers like the canned server, without a network: isolates the caller's own CPU cost. */
const inProcessFetch: typeof fetch = async (_input, init) =>
  new Response(init?.method === 'POST' ? UPLOAD_BODY : DETAIL_BODY, {
    status: 200,
    headers: { 'content-type': 'application/json' },
  });

function overTheWireTable(measured: Measured[]): Table {
  const base = measured.find((m) => m.label === RAW) as Measured;
  return {
    headers: [
      'caller',
      'p50',
      'p99',
      'mean',
      `calls/s (${IN_FLIGHT} in flight)`,
      'p50 ÷ raw',
      'p99 ÷ raw',
      'throughput ÷ raw',
    ],
    rows: measured.map((m) => [
      m.label,
      formatMs(m.summary.p50),
      formatMs(m.summary.p99),
      formatMs(m.summary.mean),
      formatRate(m.perSecond ?? Number.NaN),
      formatRatio(ratio(m.summary.p50, base.summary.p50)),
      formatRatio(ratio(m.summary.p99, base.summary.p99)),
      formatRatio(ratio(m.perSecond ?? Number.NaN, base.perSecond ?? Number.NaN)),
    ]),
  };
}

function inProcessTable(measured: Measured[]): Table {
  const base = measured.find((m) => m.label === RAW) as Measured;
  return {
    headers: [
      'caller',
      'p50',
      'p99',
      'mean',
      'added over raw (p50)',
      'added over raw (mean)',
      'p50 ÷ raw',
      'mean ÷ raw',
    ],
    rows: measured.map((m) => [
      m.label,
      formatMicros(m.summary.p50),
      formatMicros(m.summary.p99),
      formatMicros(m.summary.mean),
      formatMicros(m.summary.p50 - base.summary.p50),
      formatMicros(m.summary.mean - base.summary.mean),
      formatRatio(ratio(m.summary.p50, base.summary.p50)),
      formatRatio(ratio(m.summary.mean, base.summary.mean)),
    ]),
  };
}

export async function clientOverheadSuite(context: BenchContext): Promise<SuiteResult> {
  const { config, log } = context;
  let server: ChildServer | undefined;
  try {
    server = await startCannedServer();
    const overWire = await buildVariants(server.url, undefined);
    const inProcess = await buildVariants(
      'http://in-process.invalid/kyyReactApiServer',
      inProcessFetch,
    );
    const sections: Section[] = [];
    const headlines: string[] = [];
    for (const operation of ['upload', 'get'] as const) {
      log(`client: ${operation} over loopback, ${config.clientCalls} sequential calls per caller`);
      const variants = overWire(operation);
      const samples = await timeSequential(variants, config.clientCalls, WARMUP_CALLS, ROUND_SIZE);
      log(`client: ${operation} throughput, ${IN_FLIGHT} calls in flight`);
      const rates = await throughputRounds(
        variants,
        config.clientCalls,
        IN_FLIGHT,
        THROUGHPUT_ROUNDS,
      );
      const measured: Measured[] = variants.map((variant) => ({
        label: variant.label,
        summary: summarize(samples.get(variant.label) as number[]),
        perSecond: rates.get(variant.label) as number,
      }));
      log(`client: ${operation} in process (no network)`);
      const localVariants = inProcess(operation);
      const localSamples = await timeSequential(
        localVariants,
        config.clientCalls,
        WARMUP_CALLS,
        ROUND_SIZE,
      );
      const local = localVariants.map((variant) => ({
        label: variant.label,
        summary: summarize(localSamples.get(variant.label) as number[]),
      }));
      const call = operation === 'upload' ? 'assets.upload' : 'assets.get';
      sections.push({
        heading: `${call} over loopback HTTP`,
        text: `A node:http server in its own process answers a fixed, valid envelope. ${config.clientCalls} sequential calls per caller (after ${WARMUP_CALLS} warm-up calls), interleaved in rounds of ${ROUND_SIZE}; then ${config.clientCalls} calls per caller with ${IN_FLIGHT} in flight for the throughput column, in ${THROUGHPUT_ROUNDS} rotating rounds. All callers share Node's global fetch.`,
        table: overTheWireTable(measured),
      });
      sections.push({
        heading: `${call} in process (the caller's own CPU cost)`,
        text: 'The same calls with an injected fetch that returns the canned Response at once, so only the work done by the caller (request building, parsing, validation, error mapping) is timed.',
        table: inProcessTable(local),
      });
      const raw = measured.find((m) => m.label === RAW) as Measured;
      const strict = measured.find((m) => m.label === STRICT) as Measured;
      const off = measured.find((m) => m.label === OFF) as Measured;
      const rawLocal = local.find((m) => m.label === RAW) as Measured;
      const strictLocal = local.find((m) => m.label === STRICT) as Measured;
      headlines.push(
        `Client overhead, ${call} over loopback: p50 ${formatRatio(ratio(strict.summary.p50, raw.summary.p50))} raw fetch with validation on, ${formatRatio(ratio(off.summary.p50, raw.summary.p50))} with it off (p99 ${formatRatio(ratio(strict.summary.p99, raw.summary.p99))} / ${formatRatio(ratio(off.summary.p99, raw.summary.p99))}); in process the client's own cost per call is ${formatMicros(strictLocal.summary.p50 - rawLocal.summary.p50)} at p50 (${formatMicros(strictLocal.summary.mean - rawLocal.summary.mean)} mean) above raw fetch.`,
      );
    }
    return {
      name: 'client',
      title: '1. Client overhead: @kyyvideo/client vs raw fetch',
      sections,
      headlines,
    };
  } finally {
    await server?.stop();
  }
}
