import type { BenchConfig } from '../config.js';
import type { SuiteResult } from '../suites/types.js';
import type { MachineInfo } from './machine.js';
import { renderMarkdownTable } from './table.js';

export function renderSection(section: SuiteResult['sections'][number]): string {
  const parts = [`### ${section.heading}`];
  if (section.text) parts.push(section.text);
  if (section.table) parts.push(renderMarkdownTable(section.table));
  if (section.notes?.length) parts.push(section.notes.map((note) => `- ${note}`).join('\n'));
  return parts.join('\n\n');
}

export function renderSuite(result: SuiteResult): string {
  return [`## ${result.title}`, ...result.sections.map(renderSection)].join('\n\n');
}

function describeConfig(config: BenchConfig): string {
  return [
    `mode: ${config.quick ? 'quick (BENCH_QUICK=1; figures not for quoting)' : 'full'}`,
    `autocannon run: ${config.durationS} s`,
    `soak: ${config.soakS} s at ${config.soakConnections} connections`,
    `client calls per variant: ${config.clientCalls}`,
    `cold-start runs: ${config.coldRuns}`,
    `batch size: ${config.batchSize}`,
  ].join('; ');
}

/**
 * The hand-written analysis (FINDINGS.md) goes into the report with its own heading levels
 * pushed down one, so the report stays one document.
 */
export function embedFindings(markdown: string): string {
  const body = markdown.replace(/^# .*\n+/, '');
  return body.replace(/^(#{2,5}) /gm, '#$1 ').trim();
}

export function renderReport(
  machine: MachineInfo,
  config: BenchConfig,
  results: SuiteResult[],
  failures: string[],
  findings?: string,
): string {
  const machineTable = renderMarkdownTable({
    headers: ['', ''],
    align: ['left', 'left'],
    rows: [
      ['date', machine.date],
      ['commit', machine.commit],
      ['cpu', `${machine.cpu} × ${machine.cores}`],
      ['memory', machine.memory],
      ['os', machine.os],
      ['node', machine.node],
      ...Object.entries(machine.versions),
    ],
  });
  const headlines = results.flatMap((result) => result.headlines);
  return `${[
    '# Benchmark report',
    '<!-- Written by `pnpm bench` (packages/bench). Re-run it rather than editing by hand. -->',
    'Every ratio compares figures measured in the same run on the same machine; absolute times vary between machines and runs, ratios much less. Reproduce with `pnpm bench` from the repository root (about seven minutes) or `pnpm bench -- --quick` (about a minute, for trying it); see packages/bench/README.md.',
    '## Machine',
    machineTable,
    `Settings — ${describeConfig(config)}.`,
    '## Summary',
    headlines.length
      ? headlines.map((line) => `- ${line}`).join('\n')
      : '- (no suite produced a ratio)',
    ...(failures.length ? ['## Suites that failed', failures.map((f) => `- ${f}`).join('\n')] : []),
    ...results.map(renderSuite),
    ...(findings
      ? [
          '## Findings',
          'Written by hand from profiles of the code as committed when this report was made (packages/bench/FINDINGS.md); re-check after changes to the measured packages.',
          embedFindings(findings),
        ]
      : []),
  ].join('\n\n')}\n`;
}
