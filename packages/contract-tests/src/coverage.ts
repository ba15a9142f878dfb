import type { OperationId } from './openapi-validator.js';

/** The targets the suite runs against, in the order the report shows them. */
export const TARGETS = ['in-process', 'http', 'real'] as const;
export type TargetName = (typeof TARGETS)[number];

export const TARGET_LABELS: Record<TargetName, string> = {
  'in-process': 'in-process mock',
  http: 'mock server (HTTP)',
  real: 'real endpoint',
};

/**
 * What a check exercises. Documented codes are named for the docs' meaning; `invalid-input` and
 * `auth-failure` use codes the docs do not name, so the suite only requires "rejected".
 */
export type Outcome =
  | 'success'
  | 'url-unreachable (1001)'
  | 'not-found (-1)'
  | 'invalid-input'
  | 'auth-failure'
  | 'unknown-id'
  | `fault: ${string}`;

export interface CoverageCell {
  operation: OperationId;
  outcome: Outcome;
}

declare module 'vitest' {
  interface TaskMeta {
    /** Set on every contract test; read by the coverage reporter. */
    contract?: ContractTestMeta;
  }
}

export type CellStatus = 'exercised' | 'FAILED' | 'skipped' | 'n/a (mock only)' | 'not covered';

/** What each registered test tells the reporter (carried in vitest's task meta). */
export interface ContractTestMeta {
  target: TargetName;
  covers: CoverageCell[];
  /** Set when the whole target is skipped: why, and how to enable it. */
  skipReason?: string;
  /** Set when the check cannot apply to this target (fault scenarios exist only in the mock). */
  notApplicable?: boolean;
}

export interface CheckOutcome {
  meta: ContractTestMeta;
  state: 'passed' | 'failed' | 'skipped' | 'pending';
}

const OPERATION_ORDER: OperationId[] = [
  'uploadAsset',
  'getAsset',
  'deleteAsset',
  'createVideoTask',
  'getVideoTask',
];

/** The rows every report shows, covered or not, so a gap is visible rather than silent. */
export function coverageRows(scenarios: readonly string[]): CoverageCell[] {
  const rows: CoverageCell[] = [];
  for (const operation of OPERATION_ORDER) {
    rows.push({ operation, outcome: 'success' });
    if (operation === 'uploadAsset') {
      rows.push({ operation, outcome: 'url-unreachable (1001)' });
      rows.push({ operation, outcome: 'invalid-input' });
    }
    if (operation === 'getAsset') {
      rows.push({ operation, outcome: 'not-found (-1)' });
      rows.push({ operation, outcome: 'invalid-input' });
    }
    if (operation === 'createVideoTask') rows.push({ operation, outcome: 'invalid-input' });
    if (operation === 'getVideoTask') rows.push({ operation, outcome: 'unknown-id' });
    rows.push({ operation, outcome: 'auth-failure' });
    // Fault scenarios are exercised on the asset calls, whose client errors they pin down.
    if (operation.endsWith('Asset')) {
      for (const scenario of scenarios) rows.push({ operation, outcome: `fault: ${scenario}` });
    }
  }
  return rows;
}

const cellKey = (cell: CoverageCell) => `${cell.operation} ${cell.outcome}`;

export function cellStatuses(
  outcomes: readonly CheckOutcome[],
): Map<string, Partial<Record<TargetName, CellStatus>>> {
  const table = new Map<string, Partial<Record<TargetName, CellStatus>>>();
  for (const { meta, state } of outcomes) {
    for (const cell of meta.covers) {
      const row = table.get(cellKey(cell)) ?? {};
      const previous = row[meta.target];
      const current: CellStatus =
        state === 'failed'
          ? 'FAILED'
          : state === 'passed'
            ? 'exercised'
            : meta.notApplicable
              ? 'n/a (mock only)'
              : 'skipped';
      // A failure anywhere wins; then any run; "skipped" only when nothing ran.
      const rank = {
        FAILED: 4,
        exercised: 3,
        skipped: 2,
        'n/a (mock only)': 1,
        'not covered': 0,
      } as const;
      if (!previous || rank[current] > rank[previous]) row[meta.target] = current;
      table.set(cellKey(cell), row);
    }
  }
  return table;
}

/** The coverage table: operation × outcome rows, one column per target. */
export function renderCoverageTable(
  outcomes: readonly CheckOutcome[],
  scenarios: readonly string[],
): string {
  const statuses = cellStatuses(outcomes);
  const rows = coverageRows(scenarios);
  // Rows some check declares but the canonical list lacks are shown too, never dropped.
  const known = new Set(rows.map(cellKey));
  for (const { meta } of outcomes) {
    for (const cell of meta.covers) {
      if (!known.has(cellKey(cell))) {
        known.add(cellKey(cell));
        rows.push(cell);
      }
    }
  }
  const header = ['operation', 'outcome', ...TARGETS.map((t) => TARGET_LABELS[t])];
  const body = rows.map((cell) => [
    cell.operation,
    cell.outcome,
    ...TARGETS.map((target) => statuses.get(cellKey(cell))?.[target] ?? 'not covered'),
  ]);
  const widths = header.map((title, column) =>
    Math.max(title.length, ...body.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((text, column) => text.padEnd(widths[column] ?? 0))
      .join('  ')
      .trimEnd();
  const lines = [
    'Contract coverage — operation × outcome × target',
    line(header),
    line(widths.map((width) => '-'.repeat(width))),
    ...body.map(line),
  ];
  const skipReasons = new Map<TargetName, string>();
  for (const { meta } of outcomes) {
    if (meta.skipReason) skipReasons.set(meta.target, meta.skipReason);
  }
  for (const [target, reason] of skipReasons) {
    lines.push(`${TARGET_LABELS[target]} skipped: ${reason}`);
  }
  return lines.join('\n');
}
