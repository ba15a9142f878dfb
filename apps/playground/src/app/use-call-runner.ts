import type { KyyClient } from '@kyyvideo/client';
import { toAssetRef } from '@kyyvideo/contract';
import type { AnyScenarioName } from '@kyyvideo/mock';
import { useCallback, useReducer, useRef, useState } from 'react';
import type { BrowserMockState } from '../components/TargetPanel.js';
import { type RunOutcome, runCall } from '../lib/run-call.js';
import { resolveTarget, type TargetSettings } from '../lib/targets.js';
import { type CallRecord, callsReducer, type Operation } from '../state/calls.js';

/** The call itself; `callId` lets a long call (a wait) report progress into its own card. */
export type Exec<T> = (client: KyyClient, callId: number) => Promise<T>;

/** What a call is about, shown on its card. */
export interface About {
  assetId?: string;
  taskId?: string;
}

export type Perform = <T>(
  operation: Operation,
  about: About,
  exec: Exec<T>,
  onSuccess?: (value: T) => Partial<CallRecord>,
) => Promise<RunOutcome<T> | undefined>;

/**
 * The call log and the one way every call is made: the target resolved (or a problem shown and
 * nothing sent), the fault for the next call used once, every exchange recorded into its card.
 */
export function useCallRunner(
  settings: TargetSettings,
  origin: string,
  mockState: BrowserMockState,
) {
  const [scenario, setScenario] = useState<AnyScenarioName | null>(null);
  // The fault is for the next call only. A flow of two calls (create, then wait) runs both from
  // one render's closures, so the call reads and clears it here rather than from that render.
  const pendingScenario = useRef(scenario);
  pendingScenario.current = scenario;
  const [problem, setProblem] = useState<string | undefined>();
  const [calls, dispatchCall] = useReducer(callsReducer, []);
  const nextId = useRef(1);

  const perform = useCallback<Perform>(
    async (operation, { assetId, taskId }, exec, onSuccess) => {
      const resolved = resolveTarget(settings, origin);
      if (!resolved.ok) {
        setProblem(resolved.problem);
        return undefined;
      }
      if (settings.kind === 'browser-mock' && mockState !== 'ready') {
        setProblem('The in-browser mock is not ready yet; wait a moment (or reload the page).');
        return undefined;
      }
      setProblem(undefined);
      const { target } = resolved;
      const usedScenario =
        target.scenarioDelivery === 'unavailable' ? null : pendingScenario.current;
      pendingScenario.current = null;
      setScenario(null);
      const id = nextId.current++;
      dispatchCall({
        type: 'start',
        call: {
          id,
          operation,
          ...(assetId ? { assetId, ref: toAssetRef(assetId) } : {}),
          ...(taskId ? { taskId } : {}),
          target: target.kind,
          scenario: usedScenario,
          state: 'running',
          exchanges: [],
          statuses: [],
          ...(target.curlNote ? { curlNote: target.curlNote } : {}),
        },
      });
      const outcome = await runCall({
        target,
        scenario: usedScenario,
        onExchange: (exchange) => dispatchCall({ type: 'exchange', id, exchange }),
        exec: (client) => exec(client, id),
      });
      dispatchCall({
        type: 'finish',
        id,
        patch: outcome.ok
          ? {
              state: 'ok',
              durationMs: outcome.durationMs,
              result: outcome.value,
              ...onSuccess?.(outcome.value),
            }
          : { state: 'error', durationMs: outcome.durationMs, error: outcome.error },
      });
      return outcome;
    },
    [settings, origin, mockState],
  );

  /** A status seen by a running call (a poll), added to its card. */
  const reportStatus = useCallback(
    (id: number, status: string) => dispatchCall({ type: 'status', id, status }),
    [],
  );
  const clearCalls = useCallback(() => dispatchCall({ type: 'clear' }), []);

  return { calls, clearCalls, perform, reportStatus, scenario, setScenario, problem, setProblem };
}
