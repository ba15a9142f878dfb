import { conformanceProblems, violation } from './assertions.js';
import type { Check } from './checks/check.js';
import { CONTRACT_CHECKS } from './checks/index.js';
import type { Exchange } from './exchange.js';
import { maskError } from './secrets.js';
import { type CleanupReport, type ContractSession, openSession } from './session.js';
import type { ContractTarget } from './targets/target.js';

/**
 * Exchanges that must conform: all but the deliberately broken answers of fault scenarios
 * (`latency` only delays a normal answer, so it must conform too).
 */
function mustConform(exchange: { scenario: string | null }): boolean {
  return exchange.scenario === null || exchange.scenario === 'latency';
}

/** What is wrong with a request body the client sent (the suite's own may be invalid on purpose). */
function clientRequestProblems(session: ContractSession, exchange: Exchange): string[] {
  if (exchange.source !== 'client' || exchange.operation !== 'uploadAsset') return [];
  let body: unknown;
  try {
    body = JSON.parse(exchange.requestText ?? '');
  } catch {
    return ['the upload body is not JSON'];
  }
  return session.validator.validateRequestBody('uploadAsset', body).errors;
}

/**
 * Runs one check, then holds every exchange it caused — the client's included — to the spec:
 * every response, and every upload body the client sent.
 * Whatever it throws has the target's key masked out.
 */
export async function runCheck(check: Check, session: ContractSession): Promise<void> {
  const mark = session.exchanges.length;
  try {
    await check.run(session);
    for (const exchange of session.exchanges.slice(mark)) {
      const sent = clientRequestProblems(session, exchange);
      if (sent.length > 0) {
        throw violation(
          `The client sent a request body that does not conform to spec/openapi.yaml: ${sent.join('; ')}`,
          exchange,
        );
      }
      if (!mustConform(exchange)) continue;
      const problems = conformanceProblems(session.validator, exchange);
      if (problems.length > 0) {
        throw violation(
          `A response does not conform to spec/openapi.yaml: ${problems.join('; ')}`,
          exchange,
        );
      }
    }
  } catch (error) {
    throw maskError(error, session.secrets);
  }
}

export function appliesTo(check: Check, target: { isMock: boolean } | ContractTarget): boolean {
  const isMock = 'isMock' in target ? target.isMock : target.mock !== undefined;
  return !check.mockOnly || isMock;
}

export interface CheckResult {
  id: string;
  state: 'passed' | 'failed' | 'skipped';
  /** The (masked) failure message. */
  message?: string;
}

export interface SuiteRun {
  results: CheckResult[];
  cleanup: CleanupReport;
  session: ContractSession;
}

/**
 * The suite as a plain function, outside vitest's registration: used to prove that the checks
 * fail against a broken target, and that nothing they print or throw contains the key.
 */
export async function runChecks(
  target: ContractTarget,
  checks: readonly Check[] = CONTRACT_CHECKS,
): Promise<SuiteRun> {
  const session = openSession(target);
  const results: CheckResult[] = [];
  try {
    for (const check of checks) {
      if (!appliesTo(check, target) || check.skipReason?.(target)) {
        results.push({ id: check.id, state: 'skipped' });
        continue;
      }
      try {
        await runCheck(check, session);
        results.push({ id: check.id, state: 'passed' });
      } catch (error) {
        results.push({ id: check.id, state: 'failed', message: (error as Error).message });
      }
    }
    return { results, cleanup: await session.cleanup(), session };
  } finally {
    await target.close();
  }
}
