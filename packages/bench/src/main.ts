import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { argvToEnv, BENCH_PACKAGE_DIR, REPO_ROOT, readConfig, type SuiteName } from './config.js';
import { ensurePeers } from './peers/install-peers.js';
import { describeMachine } from './report/machine.js';
import { renderReport, renderSuite } from './report/render-report.js';
import { batchSuite } from './suites/batch.js';
import { cliColdStartSuite } from './suites/cli-cold-start.js';
import { clientOverheadSuite } from './suites/client-overhead.js';
import { mockVsPrismSuite } from './suites/mock-vs-prism.js';
import { queueSuite } from './suites/queue.js';
import { sizeSuite } from './suites/size.js';
import { soakSuite } from './suites/soak.js';
import type { BenchContext, Suite, SuiteResult } from './suites/types.js';
import { videosBatchSuite } from './suites/videos-batch.js';

const SUITE_RUNNERS: Record<SuiteName, Suite | undefined> = {
  client: clientOverheadSuite,
  size: sizeSuite,
  mock: mockVsPrismSuite,
  cli: cliColdStartSuite,
  batch: batchSuite,
  soak: soakSuite,
  videos: videosBatchSuite,
  queue: queueSuite,
};

async function main(): Promise<void> {
  const config = readConfig({ ...process.env, ...argvToEnv(process.argv.slice(2)) });
  const log = (line: string) => console.error(`[bench] ${line}`);
  ensurePeers(config.cacheDir, log);
  const context: BenchContext = { config, log, shared: {} };
  const results: SuiteResult[] = [];
  const failures: string[] = [];
  for (const name of config.suites) {
    const run = SUITE_RUNNERS[name];
    if (!run) {
      failures.push(`${name}: not wired yet`);
      continue;
    }
    const started = performance.now();
    try {
      const result = await run(context);
      results.push(result);
      failures.push(...(result.problems ?? []));
      console.log(`\n${renderSuite(result)}\n`);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      failures.push(`${name}: ${message}`);
      log(`suite ${name} failed: ${message}`);
    }
    log(`suite ${name} took ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  const machine = describeMachine(REPO_ROOT, BENCH_PACKAGE_DIR, config.cacheDir);
  const findingsPath = join(BENCH_PACKAGE_DIR, 'FINDINGS.md');
  const findings = existsSync(findingsPath) ? readFileSync(findingsPath, 'utf8') : undefined;
  writeFileSync(config.reportPath, renderReport(machine, config, results, failures, findings));
  log(`report written to ${relative(process.cwd(), config.reportPath)}`);
  if (failures.length) process.exitCode = 1;
}

// Exit through process.exit so that child servers are killed by their 'exit' hook.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.error(`[bench] ${signal}: stopping`);
    process.exit(130);
  });
}

await main();
