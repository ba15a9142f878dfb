import { afterAll, beforeAll, describe, it } from 'vitest';
import type { Check } from './checks/check.js';
import { CONTRACT_CHECKS } from './checks/index.js';
import { type ContractTestMeta, TARGET_LABELS } from './coverage.js';
import { appliesTo, runCheck } from './runner.js';
import { maskError } from './secrets.js';
import { type ContractSession, openSession } from './session.js';
import type { TargetPlan } from './targets/target.js';

// Starting a target or deleting leftovers at one request per second can take a while.
const HOOK_TIMEOUT_MS = 120_000;

/**
 * Registers the whole contract suite for one target: one vitest test per check, tagged with the
 * coverage cells it exercises (read by the coverage reporter). A disabled target registers its
 * tests as skipped, with the reason, so the report shows what did not run instead of hiding it.
 */
export function registerContractSuite(
  plan: TargetPlan,
  checks: readonly Check[] = CONTRACT_CHECKS,
): void {
  const label = TARGET_LABELS[plan.name];
  const metaFor = (check: Check, skipReason?: string): { contract: ContractTestMeta } => ({
    contract: {
      target: plan.name,
      covers: check.covers,
      ...(skipReason === undefined ? {} : { skipReason }),
      ...(appliesTo(check, plan) ? {} : { notApplicable: true }),
    },
  });

  if (!plan.enabled) {
    describe.skip(`${label} — skipped: ${plan.reason}`, () => {
      for (const check of checks) it(check.title, { meta: metaFor(check, plan.reason) }, () => {});
    });
    return;
  }

  describe(label, () => {
    let session: ContractSession | undefined;
    let secrets: readonly string[] = [];

    beforeAll(async () => {
      const target = await plan.start();
      secrets = [target.apiKey];
      session = openSession(target);
    }, HOOK_TIMEOUT_MS);

    // Runs even when checks failed: every asset seen created is deleted before the target closes.
    afterAll(async () => {
      if (!session) return;
      try {
        const report = await session.cleanup();
        if (report.failed.length > 0) {
          throw new Error(
            `Could not delete ${report.failed.length} asset(s) created by the suite; delete them by hand: ${report.failed.map((f) => `${f.assetId} (${f.reason})`).join(', ')}`,
          );
        }
      } catch (error) {
        throw maskError(error, secrets);
      } finally {
        await session.target.close();
      }
    }, HOOK_TIMEOUT_MS);

    for (const check of checks) {
      if (!appliesTo(check, plan)) {
        it.skip(`${check.title} (mock only)`, { meta: metaFor(check) }, () => {});
        continue;
      }
      const skipped = check.skipReason?.(plan);
      if (skipped) {
        it.skip(`${check.title} — skipped: ${skipped}`, { meta: metaFor(check) }, () => {});
        continue;
      }
      const timeout =
        plan.name === 'real'
          ? Math.max(plan.checkTimeoutMs, check.realTimeoutMs ?? 0)
          : plan.checkTimeoutMs;
      it(check.title, { meta: metaFor(check), timeout }, async () => {
        if (!session)
          throw new Error(`The ${label} target did not start; see the beforeAll error.`);
        await runCheck(check, session);
      });
    }
  });
}
