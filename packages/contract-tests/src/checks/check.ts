import type { CoverageCell, TargetName } from '../coverage.js';
import type { ContractSession } from '../session.js';

/** One contract rule, runnable against any target. */
export interface Check {
  /** Stable id, e.g. `negative-input/wrong-case-type`. */
  id: string;
  /** What vitest shows. */
  title: string;
  /** The operation × outcome cells of the coverage report this check exercises. */
  covers: CoverageCell[];
  /** Fault scenarios exist only in the mock; such checks are skipped for the real service. */
  mockOnly?: boolean;
  /** Why this check does not run on a target (e.g. it would cost money), or `undefined`. */
  skipReason?(target: { name: TargetName }): string | undefined;
  /** Time limit on the real service when longer than the target's (video generation). */
  realTimeoutMs?: number;
  run(session: ContractSession): Promise<void>;
}
