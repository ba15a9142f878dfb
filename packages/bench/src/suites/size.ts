import { BENCH_PACKAGE_DIR, REPO_ROOT } from '../config.js';
import { formatBytes, formatRatio } from '../report/format.js';
import { type BundleSize, esbuildVersion, measureBundle } from '../size/bundle-size.js';
import { ratio } from '../stats/percentile.js';
import type { BenchContext, SuiteResult } from './types.js';

const TINY_CLIENT_MODULE = new URL('../zero-dep/tiny-client.js', import.meta.url).pathname;

/** What a browser app imports in each case; `export *` keeps everything the package offers. */
const ENTRIES = [
  {
    label: '@kyyvideo/client (everything)',
    source: "export * from '@kyyvideo/client';",
  },
  {
    label: '@kyyvideo/client (createKyyClient only)',
    source: "export { createKyyClient } from '@kyyvideo/client';",
  },
  {
    label: '@kyyvideo/client with zod stubbed out (diagnostic)',
    source: "export * from '@kyyvideo/client';",
    stub: 'zod',
  },
  {
    label: 'openapi-fetch alone',
    source: "export { default } from 'openapi-fetch'; export * from 'openapi-fetch';",
  },
  {
    label: 'hand-written zero-dependency client',
    source: `export * from ${JSON.stringify(TINY_CLIENT_MODULE)};`,
  },
] as { label: string; source: string; stub?: string }[];

const BASELINE_LABEL = 'hand-written zero-dependency client';
const PEER_LABEL = 'openapi-fetch alone';

function breakdown(size: BundleSize): string {
  return size.byPackage.map((entry) => `${entry.name} ${formatBytes(entry.bytes)}`).join(', ');
}

export async function sizeSuite(context: BenchContext): Promise<SuiteResult> {
  const { cacheDir } = context.config;
  const sizes: BundleSize[] = [];
  const failures: string[] = [];
  for (const entry of ENTRIES) {
    context.log(`size: bundling ${entry.label}`);
    try {
      sizes.push(
        await measureBundle(
          cacheDir,
          entry.label,
          entry.source,
          BENCH_PACKAGE_DIR,
          REPO_ROOT,
          entry.stub,
        ),
      );
    } catch (error) {
      const reason = (error as Error).message.split('\n').slice(0, 2).join(' ');
      failures.push(`${entry.label}: could not be bundled (${reason})`);
    }
  }
  const baseline = sizes.find((size) => size.label === BASELINE_LABEL);
  const peer = sizes.find((size) => size.label === PEER_LABEL);
  const rows = sizes.map((size) => [
    size.label,
    formatBytes(size.minifiedBytes),
    formatBytes(size.gzipBytes),
    peer ? formatRatio(ratio(size.gzipBytes, peer.gzipBytes)) : 'n/a',
    baseline ? formatRatio(ratio(size.gzipBytes, baseline.gzipBytes)) : 'n/a',
  ]);
  const full = sizes.find((size) => size.label === ENTRIES[0]?.label);
  const headlines: string[] = [];
  if (full && peer && baseline) {
    headlines.push(
      `Browser bundle (min+gzip): @kyyvideo/client ${formatBytes(full.gzipBytes)} = ${formatRatio(
        ratio(full.gzipBytes, peer.gzipBytes),
      )} openapi-fetch alone (${formatBytes(peer.gzipBytes)}), ${formatRatio(
        ratio(full.gzipBytes, baseline.gzipBytes),
      )} a hand-written zero-dependency client (${formatBytes(baseline.gzipBytes)}).`,
    );
  }
  return {
    name: 'size',
    title: '2. Client size (browser bundle, minified + gzip)',
    headlines,
    sections: [
      {
        heading: 'Bundle sizes',
        text: `esbuild ${esbuildVersion(cacheDir)}, \`platform: browser\`, ESM, minified, tree-shaken, every dependency inlined; gzip level 9. "Everything" re-exports the whole package; "createKyyClient only" is what a typical app pulls in.`,
        table: {
          headers: ['bundle', 'minified', 'min+gzip', 'vs openapi-fetch', 'vs hand-written'],
          rows,
        },
        notes: [
          ...sizes.map((size) => `${size.label} — minified bytes by package: ${breakdown(size)}.`),
          ...failures,
        ],
      },
    ],
  };
}
