import type { BenchConfig, SuiteName } from '../config.js';
import type { Table } from '../report/table.js';

export interface Section {
  heading: string;
  /** A short paragraph before the table: what was measured and how. */
  text?: string;
  table?: Table;
  /** Findings after the table, one bullet each (worse-than-peer explanations go here). */
  notes?: string[];
}

export interface SuiteResult {
  name: SuiteName;
  title: string;
  sections: Section[];
  /** One-line ratios for the report's summary and the README's Performance section. */
  headlines: string[];
  /** Requirements the run broke (e.g. soak errors); they make `pnpm bench` exit non-zero. */
  problems?: string[];
}

/** Figures one suite measures and another reuses, so the two are from the same run. */
export interface SharedFigures {
  mockUploadCapacity?: { connections: number; requestsPerSec: number }[];
}

export interface BenchContext {
  config: BenchConfig;
  log(line: string): void;
  shared: SharedFigures;
}

export type Suite = (context: BenchContext) => Promise<SuiteResult>;
