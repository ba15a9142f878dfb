import type { operations } from '@kyyvideo/contract';
import { BASE_PATH, isSuccessCode } from '@kyyvideo/contract';
import type { ErrorObject, ValidateFunction } from 'ajv';
import Ajv2020Module from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { type JsonObject, loadOpenApiDocument, type OpenApiDocument } from './spec.js';

// ajv and ajv-formats are CommonJS; under NodeNext their default export sits on `.default`.
const Ajv2020 = Ajv2020Module.default;
const addFormats = addFormatsModule.default;

export type OperationId = keyof operations;

export interface Operation {
  id: OperationId;
  method: string;
  /** The spec's path template, e.g. `/kyyVideo2/asset/{assetId}`. */
  path: string;
  matches(method: string, pathname: string): boolean;
}

export interface ValidationResult {
  ok: boolean;
  /** One readable line per violation: where in the body, and what the spec wanted. */
  errors: string[];
}

export interface OpenApiValidator {
  readonly operations: readonly Operation[];
  /** The operation a request addresses, by method and URL (the base path is stripped). */
  findOperation(method: string, url: string | URL): Operation | undefined;
  /** Validates a response body against the schema the spec gives this operation and status. */
  validateResponse(operationId: OperationId, status: number, body: unknown): ValidationResult;
  validateRequestBody(operationId: OperationId, body: unknown): ValidationResult;
  validateComponent(name: string, value: unknown): ValidationResult;
  /** The `examples` the spec attaches to a response (`status`) or to the request body. */
  examples(operationId: OperationId, where: 'request' | number): Record<string, unknown>;
}

// A private id for the document inside ajv; never fetched.
const DOCUMENT_ID = 'https://contract-tests.kyyvideo.invalid/openapi.json';
// Top-level OpenAPI fields. ajv compiles the document root when a $ref points into it, so in
// strict mode these must be known (as annotations) or compilation fails.
const OPENAPI_ROOT_FIELDS = [
  'openapi',
  'info',
  'jsonSchemaDialect',
  'servers',
  'security',
  'tags',
  'paths',
  'webhooks',
  'components',
  'externalDocs',
];
// OpenAPI's own annotation inside schemas (JSON Schema 2020-12 only has `examples`).
const OPENAPI_SCHEMA_ANNOTATIONS = ['example', 'discriminator', 'xml'];
const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];

function escapePointer(segment: string): string {
  return segment.replaceAll('~', '~0').replaceAll('/', '~1');
}

function pointer(...segments: string[]): string {
  return `#/${segments.map(escapePointer).join('/')}`;
}

function describeError(error: ErrorObject): string {
  const where = error.instancePath === '' ? 'body' : `body${error.instancePath}`;
  const detail =
    error.keyword === 'enum'
      ? ` ${JSON.stringify((error.params as { allowedValues: unknown }).allowedValues)}`
      : error.keyword === 'additionalProperties'
        ? ` (${JSON.stringify((error.params as { additionalProperty: string }).additionalProperty)})`
        : '';
  return `${where} ${error.message ?? error.keyword}${detail}`;
}

function pathMatcher(template: string): RegExp {
  const source = template
    .split(/\{[^}]+\}/)
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('[^/]+');
  return new RegExp(`^${source}$`);
}

export function createOpenApiValidator(
  document: OpenApiDocument = loadOpenApiDocument(),
): OpenApiValidator {
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  addFormats(ajv);
  ajv.addVocabulary([...OPENAPI_ROOT_FIELDS, ...OPENAPI_SCHEMA_ANNOTATIONS]);
  ajv.addSchema({ ...document, $id: DOCUMENT_ID });

  const compiled = new Map<string, ValidateFunction>();
  const validatorAt = (ref: string): ValidateFunction => {
    let validate = compiled.get(ref);
    if (!validate) {
      validate = ajv.compile({ $ref: `${DOCUMENT_ID}${ref}` });
      compiled.set(ref, validate);
    }
    return validate;
  };
  const run = (ref: string, value: unknown): ValidationResult => {
    const validate = validatorAt(ref);
    const ok = validate(value) as boolean;
    return { ok, errors: ok ? [] : (validate.errors ?? []).map(describeError) };
  };

  const resolve = (node: unknown): JsonObject => {
    const object = node as JsonObject;
    const ref = object?.$ref;
    if (typeof ref !== 'string') return object;
    let target: unknown = document;
    for (const segment of ref.replace(/^#\//, '').split('/')) {
      target = (target as JsonObject)[segment.replaceAll('~1', '/').replaceAll('~0', '~')];
    }
    if (target === undefined) throw new Error(`The spec has an unresolvable $ref ${ref}`);
    return resolve(target);
  };

  const operations: Operation[] = [];
  const locations = new Map<OperationId, { path: string; method: string }>();
  for (const [path, item] of Object.entries(document.paths)) {
    const matcher = pathMatcher(path);
    for (const method of HTTP_METHODS) {
      const operation = item[method] as { operationId?: OperationId } | undefined;
      if (!operation?.operationId) continue;
      const id = operation.operationId;
      locations.set(id, { path, method });
      operations.push({
        id,
        method: method.toUpperCase(),
        path,
        matches: (m, pathname) =>
          m.toUpperCase() === method.toUpperCase() && matcher.test(pathname),
      });
    }
  }

  const location = (operationId: OperationId) => {
    const found = locations.get(operationId);
    if (!found) throw new Error(`The spec has no operation ${operationId}`);
    return found;
  };

  /** Where the JSON schema of one response sits, following a `$ref` to components/responses. */
  const responseSchemaRef = (operationId: OperationId, status: number): string | undefined => {
    const { path, method } = location(operationId);
    const responses = ((document.paths[path]?.[method] as JsonObject | undefined)?.responses ??
      {}) as JsonObject;
    const key = String(status) in responses ? String(status) : 'default';
    const response = responses[key] as JsonObject | undefined;
    if (!response) return undefined;
    const base =
      typeof response.$ref === 'string'
        ? (response.$ref as string)
        : pointer('paths', path, method, 'responses', key);
    const resolved = resolve(response);
    const content = resolved.content as JsonObject | undefined;
    if (!content?.['application/json']) return undefined;
    return `${base}/${['content', 'application/json', 'schema'].map(escapePointer).join('/')}`;
  };

  const schemaAt = (ref: string): JsonObject => resolve({ $ref: ref });

  const isSuccessBranch = (branch: JsonObject): boolean => {
    const code = (resolve(branch).properties as JsonObject | undefined)?.code as
      | JsonObject
      | undefined;
    const allowed = (code?.enum ?? (code && 'const' in code ? [code.const] : [])) as unknown[];
    return allowed.some((value) => isSuccessCode(value));
  };

  return {
    operations,
    findOperation(method, url) {
      const pathname = new URL(url, 'http://relative.invalid').pathname;
      const index = pathname.indexOf(BASE_PATH);
      const local = index === -1 ? pathname : pathname.slice(index + BASE_PATH.length);
      return operations.find((operation) => operation.matches(method, local));
    },
    validateResponse(operationId, status, body) {
      const ref = responseSchemaRef(operationId, status);
      if (!ref) {
        return {
          ok: false,
          errors: [`the spec documents no JSON response for ${operationId} with HTTP ${status}`],
        };
      }
      const whole = run(ref, body);
      // The envelope's rule, stated in the spec's description: a zero code is a success and must
      // carry the success shape; any other code is a failure. `oneOf` alone cannot say this when
      // a failure branch happens to admit code 0, so the branch is also picked by the code.
      const branches = schemaAt(ref).oneOf as JsonObject[] | undefined;
      if (!branches || body === null || typeof body !== 'object' || !('code' in body)) return whole;
      const success = isSuccessCode((body as { code: unknown }).code);
      const errors = [...whole.errors];
      const matching = branches
        .map((branch, index) => ({ branch, index }))
        .filter(({ branch }) => isSuccessBranch(branch) === success);
      const results = matching.map(({ index }) => run(`${ref}/oneOf/${index}`, body));
      if (!results.some((result) => result.ok)) {
        errors.push(
          `code ${JSON.stringify((body as { code: unknown }).code)} means ${success ? 'success' : 'failure'}, but the body does not have that shape: ${results.flatMap((r) => r.errors).join('; ')}`,
        );
      }
      return { ok: errors.length === 0, errors };
    },
    validateRequestBody(operationId, body) {
      const { path, method } = location(operationId);
      const ref = `${pointer('paths', path, method, 'requestBody')}/${['content', 'application/json', 'schema'].map(escapePointer).join('/')}`;
      return run(ref, body);
    },
    validateComponent(name, value) {
      if (!document.components.schemas[name]) throw new Error(`The spec has no schema ${name}`);
      return run(pointer('components', 'schemas', name), value);
    },
    examples(operationId, where) {
      const { path, method } = location(operationId);
      const operation = document.paths[path]?.[method] as JsonObject;
      const holder =
        where === 'request'
          ? resolve(operation.requestBody)
          : resolve((operation.responses as JsonObject)[String(where)]);
      const media = (holder?.content as JsonObject | undefined)?.['application/json'] as
        | JsonObject
        | undefined;
      const examples = (media?.examples ?? {}) as Record<string, JsonObject>;
      return Object.fromEntries(
        Object.entries(examples).map(([name, example]) => [name, resolve(example).value]),
      );
    },
  };
}
