import { BASE_PATH } from '@kyyvideo/contract';
import { http, type RequestHandler } from 'msw';
import { checkAuthorization } from './auth.js';
import { MOCK_CODES } from './codes.js';
import {
  deleteSuccess,
  detailSuccess,
  failure,
  invalidParameter,
  quote,
  uploadSuccess,
} from './envelope.js';
import type { ResolvedOptions } from './options.js';
import { isUnreachable } from './reachability.js';
import type { RequestLog } from './request-log.js';
import { matchRoute, type RouteMatch, type RouteName } from './routes.js';
import type { ScenarioState } from './scenario-state.js';
import {
  faultResponse,
  isScenarioName,
  SCENARIO_HEADER,
  SCENARIO_LATENCY_MS,
  SCENARIOS,
  type ScenarioName,
} from './scenarios.js';
import type { MockStore } from './store.js';
import { validateUpload } from './validate-upload.js';

export interface HandlerContext {
  options: ResolvedOptions;
  store: MockStore;
  scenarios: ScenarioState;
  log: RequestLog;
}

type Route = (request: Request, match: RouteMatch) => Promise<Response>;

const sleep = (ms: number) =>
  ms > 0 ? new Promise<void>((resolve) => setTimeout(resolve, ms)) : Promise.resolve();

type ScenarioChoice = { ok: true; scenario: ScenarioName | null } | { ok: false; msg: string };

function chooseScenario(request: Request, state: ScenarioState): ScenarioChoice {
  const header = request.headers.get(SCENARIO_HEADER)?.trim().toLowerCase();
  if (header) {
    if (isScenarioName(header)) return { ok: true, scenario: header };
    return {
      ok: false,
      msg: `Unknown ${SCENARIO_HEADER} ${quote(header)}: use one of ${SCENARIOS.join(', ')}, or leave the header out.`,
    };
  }
  return { ok: true, scenario: state.take() };
}

/** Runs one request through latency, scenario, auth and then the route itself, and logs it. */
function pipeline(ctx: HandlerContext, route: Route) {
  return async ({ request }: { request: Request }) => {
    const choice = chooseScenario(request, ctx.scenarios);
    const scenario = choice.ok ? choice.scenario : null;
    const response = await respond();
    ctx.log.add({
      method: request.method,
      path: new URL(request.url).pathname,
      scenario,
      status: response.status,
    });
    return response;

    async function respond(): Promise<Response> {
      await sleep(ctx.options.latencyMs + (scenario === 'latency' ? SCENARIO_LATENCY_MS : 0));
      if (!choice.ok) return invalidParameter(choice.msg);
      const fault = scenario && faultResponse(scenario);
      if (fault) return fault;
      const authProblem = checkAuthorization(
        request.headers.get('authorization'),
        ctx.options.apiKey,
      );
      if (authProblem) return failure(MOCK_CODES.unauthorized, authProblem, { status: 401 });
      return route(request, matchRoute(request.method, request.url) ?? { route: 'unknown' });
    }
  };
}

const notFound = (assetId: string) =>
  failure(
    MOCK_CODES.notFound,
    `asset not found: no asset has the id ${quote(assetId)} (never created, or deleted).`,
  );

export function createHandlers(ctx: HandlerContext): RequestHandler[] {
  const { store, options } = ctx;

  const upload: Route = async (request) => {
    const result = validateUpload(request.headers.get('content-type'), await request.text());
    if (!result.ok) return invalidParameter(result.msg);
    if (isUnreachable(result.value.url, options.unreachableHosts)) {
      return failure(
        MOCK_CODES.urlUnreachable,
        `asset URL cannot be accessed: ${quote(result.value.url, 120)} could not be downloaded. Use a public URL the service can reach.`,
      );
    }
    return uploadSuccess(store.create(result.value).assetId);
  };

  const detail: Route = async (_request, { assetId = '' }) => {
    const asset = store.get(assetId);
    return asset ? detailSuccess(asset) : notFound(assetId);
  };

  const remove: Route = async (_request, { assetId = '' }) => {
    return store.delete(assetId) ? deleteSuccess() : notFound(assetId);
  };

  const unknownEndpoint: Route = async (request) => {
    const { pathname } = new URL(request.url);
    return failure(
      MOCK_CODES.unknownEndpoint,
      `No endpoint ${request.method} ${quote(pathname, 120)}. The API has POST ${BASE_PATH}/kyyVideo2/asset/upload, GET and DELETE ${BASE_PATH}/kyyVideo2/asset/{assetId}.`,
      { status: 404 },
    );
  };

  const on =
    (name: RouteName) =>
    ({ request }: { request: Request }) =>
      matchRoute(request.method, request.url)?.route === name;
  return [
    http.post(on('upload'), pipeline(ctx, upload)),
    http.get(on('detail'), pipeline(ctx, detail)),
    http.delete(on('delete'), pipeline(ctx, remove)),
    http.all(on('unknown'), pipeline(ctx, unknownEndpoint)),
  ];
}
