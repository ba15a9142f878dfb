import {
  CREATE_VIDEO_TASK_PATH,
  CreateVideoTaskResponse,
  DeleteAssetResponse,
  DOCUMENTED_CODES,
  describeCode,
  FailureResponse,
  GetAssetResponse,
  GetVideoTaskResponse,
  isSuccessCode,
  type operations,
  UploadAssetResponse,
  VIDEO_TASK_PATH,
} from '@kyyvideo/contract';
import { createRouteTable, type Route } from '../../core/route-table.js';

/** The subset of a zod issue the lines below are built from (zod is the contract's, not ours). */
interface SchemaIssue {
  code: string;
  path: (string | number)[];
  message: string;
  expected?: unknown;
  received?: unknown;
  options?: readonly unknown[];
}
interface Schema {
  safeParse(
    value: unknown,
  ): { success: true } | { success: false; error: { issues: SchemaIssue[] } };
}

interface OperationSpec {
  id: keyof operations;
  /** The envelope endpoints answer `{code,msg,data}`; the video task endpoints bare JSON. */
  envelope: boolean;
  success: Schema;
}

// The operations of the spec, with the contract's zod schemas for their answers (the contract
// proves those schemas equal to the spec).
const OPERATIONS: readonly (OperationSpec & Pick<Route, 'method' | 'path'>)[] = [
  {
    id: 'uploadAsset',
    method: 'POST',
    path: '/kyyVideo2/asset/upload',
    envelope: true,
    success: UploadAssetResponse,
  },
  {
    id: 'getAsset',
    method: 'GET',
    path: '/kyyVideo2/asset/{assetId}',
    envelope: true,
    success: GetAssetResponse,
  },
  {
    id: 'deleteAsset',
    method: 'DELETE',
    path: '/kyyVideo2/asset/{assetId}',
    envelope: true,
    success: DeleteAssetResponse,
  },
  {
    id: 'createVideoTask',
    method: 'POST',
    path: CREATE_VIDEO_TASK_PATH,
    envelope: false,
    success: CreateVideoTaskResponse,
  },
  {
    id: 'getVideoTask',
    method: 'GET',
    path: VIDEO_TASK_PATH,
    envelope: false,
    success: GetVideoTaskResponse,
  },
];

const byRoute = new Map<Route, OperationSpec>();
// The mock's own path matcher, so an operation is recognised exactly as the mock routes it.
const table = createRouteTable(
  OPERATIONS.map((op) => {
    const route: Route = {
      method: op.method,
      path: op.path,
      handle: () => {
        throw new Error('only matched, never called');
      },
    };
    byRoute.set(route, op);
    return route;
  }),
);

export interface AnswerCheck {
  /** The spec's operationId, e.g. `getAsset`. */
  operation: keyof operations;
  /** One line per field that is not what the spec says, e.g. `data.assetId: expected string, got number`. */
  mismatches: string[];
  /**
   * Envelope codes the spec allows (any non-zero integer) but the documentation does not name:
   * worth seeing, since the service's failure codes are undocumented, but not a mismatch.
   */
  undocumented: string[];
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function valueAt(body: unknown, path: readonly (string | number)[]): unknown {
  let value = body;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string | number, unknown>)[key];
  }
  return value;
}

function describeIssue(issue: SchemaIssue, body: unknown): string {
  const field = issue.path.length === 0 ? 'body' : issue.path.join('.');
  const value = valueAt(body, issue.path);
  switch (issue.code) {
    case 'invalid_type':
      return `${field}: expected ${String(issue.expected)}, got ${value === undefined ? 'nothing' : typeOf(value)}`;
    case 'invalid_literal':
      return `${field}: expected ${JSON.stringify(issue.expected)}, got ${JSON.stringify(value)}`;
    case 'invalid_enum_value':
      return `${field}: expected one of ${(issue.options ?? []).map((o) => JSON.stringify(o)).join(', ')}, got ${JSON.stringify(value)}`;
    default: {
      const got =
        value === undefined
          ? 'nothing'
          : `${typeOf(value)} ${String(JSON.stringify(value)).slice(0, 60)}`;
      return `${field}: ${issue.message.toLowerCase()} (got ${got})`;
    }
  }
}

function mismatchesOf(schema: Schema, body: unknown): string[] {
  const result = schema.safeParse(body);
  return result.success ? [] : result.error.issues.map((issue) => describeIssue(issue, body));
}

const DOCUMENTED = Object.values(DOCUMENTED_CODES).join(', ');

/**
 * Checks an answer against the spec's schema for its operation; `null` when the request is not an
 * operation of the spec (sample media, unknown paths), which the spec says nothing about.
 */
export function checkAnswer(
  method: string,
  /** The path under the base path, e.g. `/kyyVideo2/asset/asset-…`. */
  path: string,
  status: number,
  body: string,
): AnswerCheck | null {
  const match = table.match(method, path);
  const op = match ? byRoute.get(match.route) : undefined;
  if (!op) return null;
  const check: AnswerCheck = { operation: op.id, mismatches: [], undocumented: [] };
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    // The video endpoints' failures are undocumented (the spec allows anything there).
    if (op.envelope || status === 200) check.mismatches.push('body: expected JSON, got other text');
    return check;
  }
  if (!op.envelope) {
    if (status === 200) check.mismatches.push(...mismatchesOf(op.success, parsed));
    return check;
  }
  const code = (parsed as { code?: unknown } | null)?.code;
  if (isSuccessCode(code)) {
    check.mismatches.push(...mismatchesOf(op.success, parsed));
    return check;
  }
  check.mismatches.push(...mismatchesOf(FailureResponse, parsed));
  if (check.mismatches.length === 0 && describeCode(code) === undefined) {
    check.undocumented.push(
      `code: ${JSON.stringify(code)} is not documented (the docs name ${DOCUMENTED})`,
    );
  }
  return check;
}
