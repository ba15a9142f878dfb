import type { Mock, ScenarioName } from '@kyyvideo/mock';
import type { TargetName } from '../coverage.js';

/** What the suite needs from a mock target beyond HTTP: faults, state and the review clock. */
export interface MockControls {
  mock: Mock;
  scenarios: readonly ScenarioName[];
  /** Moves the mock's virtual clock past any review, so the next detail read says `Active`. */
  finishReview(): void;
}

/** Something that answers the API: a mock in this process, a mock over HTTP, or the service. */
export interface ContractTarget {
  name: TargetName;
  /** Base URL including `/kyyReactApiServer`. */
  baseUrl: string;
  /** The key the target accepts. A secret for the real service; masked in all output. */
  apiKey: string;
  /** Sends one request (the global fetch, looked up per call so msw can intercept it). */
  transport: typeof fetch;
  /** Minimum spacing of request starts; 0 = unthrottled. */
  minIntervalMs: number;
  /** A public URL the target can download (upload succeeds). */
  assetUrl: string;
  /** A URL the target cannot download (upload answers 1001). */
  unreachableUrl: string;
  /** How long a lifecycle check may wait for review. */
  reviewTimeoutMs: number;
  /** Per-check time limit for vitest. */
  checkTimeoutMs: number;
  mock?: MockControls;
  /** The tag put into asset names; random when absent (see `KYY_CONTRACT_RUN_ID`). */
  runId?: string;
  close(): Promise<void>;
}

/** Either a target to start, or the reason (one line, with how to enable it) it is skipped. */
export type TargetPlan =
  | {
      name: TargetName;
      enabled: true;
      /** True for the mocks: the fault-scenario checks run only there. */
      isMock: boolean;
      /** Known before the target starts, because vitest needs it when tests are registered. */
      checkTimeoutMs: number;
      start(): Promise<ContractTarget>;
    }
  | { name: TargetName; enabled: false; isMock: boolean; reason: string };

/** Looks the global fetch up at call time: msw's setupServer replaces it after import. */
export const globalTransport: typeof fetch = (input, init) => globalThis.fetch(input, init);

/** A URL on a reserved TLD (RFC 2606): no service can ever download it. */
export const UNREACHABLE_ASSET_URL = 'https://kyy-contract-tests.invalid/unreachable.jpg';
