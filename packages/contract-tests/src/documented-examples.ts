import { readFileSync } from 'node:fs';
import type { OperationId } from './openapi-validator.js';

/**
 * The examples printed in the service's documentation, kept verbatim as JSON files under
 * `fixtures/`. Each names the operation it belongs to, whether it is the request or a response,
 * whether it is a success, and the spec example that must say the same thing (if any).
 */
export interface DocumentedExample {
  file: string;
  operation: OperationId;
  kind: 'request' | 'response';
  outcome?: 'success' | 'failure';
  /** The name of the spec's example that must equal this fixture. */
  specExample?: string;
}

export const DOCUMENTED_EXAMPLES: readonly DocumentedExample[] = [
  {
    file: 'upload-request.json',
    operation: 'uploadAsset',
    kind: 'request',
    specExample: 'documented',
  },
  {
    file: 'upload-success.json',
    operation: 'uploadAsset',
    kind: 'response',
    outcome: 'success',
    specExample: 'documented',
  },
  {
    file: 'upload-url-unreachable.json',
    operation: 'uploadAsset',
    kind: 'response',
    outcome: 'failure',
    specExample: 'urlUnreachable',
  },
  {
    file: 'detail-success.json',
    operation: 'getAsset',
    kind: 'response',
    outcome: 'success',
    specExample: 'active',
  },
  {
    file: 'delete-success.json',
    operation: 'deleteAsset',
    kind: 'response',
    outcome: 'success',
    specExample: 'documented',
  },
  // Some copies of the documentation show `success` instead of `删除成功`; both must conform.
  {
    file: 'delete-success-mirror.json',
    operation: 'deleteAsset',
    kind: 'response',
    outcome: 'success',
  },
];

const FIXTURES = new URL('../fixtures/', import.meta.url);

export function readFixture(file: string): unknown {
  return JSON.parse(readFileSync(new URL(file, FIXTURES), 'utf8'));
}
