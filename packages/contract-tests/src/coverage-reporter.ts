import { redactSecret } from '@kyyvideo/contract';
import { SCENARIOS } from '@kyyvideo/mock';
import type { Reporter, TestModule } from 'vitest/node';
import { type CheckOutcome, renderCoverageTable } from './coverage.js';

/**
 * Prints the coverage table after the run: operation × outcome × target, built from the meta
 * each contract test carries. Runs in vitest's main process, so it sees every test file.
 */
export default class CoverageReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const outcomes: CheckOutcome[] = [];
    for (const module of testModules) {
      for (const test of module.children.allTests()) {
        const meta = test.meta().contract;
        if (meta) outcomes.push({ meta, state: test.result().state });
      }
    }
    if (outcomes.length === 0) return;
    const key = process.env.KYY_API_KEY?.trim();
    const table = renderCoverageTable(outcomes, SCENARIOS);
    process.stdout.write(`\n${redactSecret(table, key ? [key] : [])}\n\n`);
  }
}
