import { BASE_PATH } from '@kyyvideo/contract';
import { checkAuthorization } from '../auth.js';
import { MOCK_CODES } from '../codes.js';
import { failure, invalidParameter, quote } from '../envelope.js';
import type { ResolvedOptions } from '../options.js';
import type { RequestLog } from '../request-log.js';
import type { ScenarioState } from '../scenario-state.js';
import {
  type AnyScenarioName,
  faultResponse,
  isScenarioName,
  SCENARIO_HEADER,
  SCENARIO_LATENCY_MS,
  SCENARIOS,
  VIDEO_SCENARIOS,
} from '../scenarios.js';
import type { InternalStore } from '../store.js';
import type { RouteTable } from './route-table.js';
import { type CoreRequest, type CoreResponse, headerOf } from './types.js';

/** Methods a route could ever use; anything else (TRACE, CONNECT, made-up tokens) gets 405. */
const KNOWN_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

export interface CoreDeps {
  options: ResolvedOptions;
  store: InternalStore;
  scenarios: ScenarioState;
  log: RequestLog;
  routes: RouteTable;
}

/** Makes a change durable before it is acknowledged (the standalone server's `--state`). */
export interface Durability {
  /** Resolves once every change made so far is on disk; rejects if writing failed. */
  whenDurable(): Promise<void>;
}

export interface MockCore {
  /**
   * Answers one request, or returns `null` when its path is not under the base path (not the
   * mock's business). Synchronous unless the answer has to wait (latency, a disk write).
   */
  handle(request: CoreRequest): CoreResponse | Promise<CoreResponse> | null;
  /** Set by the standalone server with `--state`; `null` in memory. */
  durability: Durability | null;
  /** Told about failures that are bugs or broken disks, not the caller's fault. */
  onInternalError: (error: unknown) => void;
}

/** Where the base path starts in `path`, or -1. Any prefix before it is accepted, as on any origin. */
export function basePathAt(path: string): number {
  const at = path.indexOf(BASE_PATH);
  if (at === -1) return -1;
  const after = path.charCodeAt(at + BASE_PATH.length);
  // Either the end of the path or a `/`: `/kyyReactApiServerX` is somewhere else.
  return Number.isNaN(after) || after === 47 ? at : -1;
}

type ScenarioChoice = { ok: true; scenario: AnyScenarioName | null } | { ok: false; msg: string };

function chooseScenario(request: CoreRequest, state: ScenarioState): ScenarioChoice {
  const header = headerOf(request, SCENARIO_HEADER)?.trim().toLowerCase();
  if (header) {
    if (isScenarioName(header)) return { ok: true, scenario: header };
    return {
      ok: false,
      msg: `Unknown ${SCENARIO_HEADER} ${quote(header)}: use one of ${[...SCENARIOS, ...VIDEO_SCENARIOS].join(', ')}, or leave the header out.`,
    };
  }
  return { ok: true, scenario: state.take() };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createCore(deps: CoreDeps): MockCore {
  const { options, store, scenarios, log, routes } = deps;
  const listing = routes.describe(BASE_PATH);

  const unsupportedMethod = (method: string) =>
    failure(
      MOCK_CODES.methodNotAllowed,
      `Method ${quote(method, 20)} is not supported. The API has ${listing}.`,
      { status: 405, headers: { allow: 'GET, POST, DELETE, OPTIONS' } },
    );

  const unknownEndpoint = (method: string, path: string) =>
    failure(
      MOCK_CODES.unknownEndpoint,
      `No endpoint ${method} ${quote(path, 120)}. The API has ${listing}.`,
      { status: 404 },
    );

  // Latency, then an invalid scenario header, a fault scenario, auth, and the route itself.
  const answer = (request: CoreRequest, rest: string, choice: ScenarioChoice): CoreResponse => {
    if (!choice.ok) return invalidParameter(choice.msg);
    const fault = choice.scenario && faultResponse(choice.scenario);
    if (fault) return fault;
    if (!KNOWN_METHODS.has(request.method)) return unsupportedMethod(request.method);
    const match = routes.match(request.method, rest);
    if (!match?.route.public) {
      const problem = checkAuthorization(headerOf(request, 'authorization'), options.apiKey);
      if (problem) {
        return match?.route.refuse
          ? match.route.refuse(401, problem)
          : failure(MOCK_CODES.unauthorized, problem, { status: 401 });
      }
    }
    if (!match) return unknownEndpoint(request.method, request.path);
    return match.route.handle(request, match.params, { scenario: choice.scenario });
  };

  const core: MockCore = {
    durability: null,
    onInternalError: () => {},
    handle(request) {
      const at = basePathAt(request.path);
      if (at === -1) return null;
      const rest = request.path.slice(at + BASE_PATH.length);
      const choice = chooseScenario(request, scenarios);
      const scenario = choice.ok ? choice.scenario : null;
      const record = (response: CoreResponse) => {
        log.add({
          method: request.method,
          path: request.path,
          scenario,
          status: response.drop ? 0 : response.status,
        });
        return response;
      };
      const wait = options.latencyMs + (scenario === 'latency' ? SCENARIO_LATENCY_MS : 0);
      const respond = () => {
        const before = store.version;
        const response = answer(request, rest, choice);
        // Acknowledge a change only once it is on disk (with --state); reads never wait.
        if (store.version === before || !core.durability) return record(response);
        return core.durability.whenDurable().then(
          () => record(response),
          (error: unknown) => {
            core.onInternalError(error);
            return record(
              failure(
                MOCK_CODES.serverError,
                'The mock could not save this change to its state file; see its log.',
                { status: 500 },
              ),
            );
          },
        );
      };
      return wait > 0 ? sleep(wait).then(respond) : respond();
    },
  };
  return core;
}
