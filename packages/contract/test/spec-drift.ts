import { readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { generateSchema } from '@anatine/zod-openapi';
import { parse } from 'yaml';
import type { ZodTypeAny } from 'zod';

export type JsonSchema = Record<string, unknown>;
export interface SpecDocument {
  components: { schemas: Record<string, JsonSchema> };
}

export const SPEC_PATH = new URL('../../../spec/openapi.yaml', import.meta.url);

export function loadSpec(): SpecDocument {
  return parse(readFileSync(SPEC_PATH, 'utf8')) as SpecDocument;
}

// Prose, samples and `default` (an annotation: it tells what the service assumes, it accepts or
// rejects nothing) carry no meaning for validation; everything else is compared. The documented
// defaults are checked against the contract's constants by their own test.
const PROSE_KEYS = new Set([
  'default',
  'description',
  'example',
  'examples',
  'title',
  'summary',
  'externalDocs',
]);

/**
 * Brings a schema to one canonical form so that only representation differs, never meaning:
 * `$ref`s are inlined, `type` is always a sorted array, `const` is a one-value `enum`, and
 * `required` is sorted. Two encodings that @anatine/zod-openapi uses are mapped to what they
 * mean: `z.null()` comes out as `type: [string, null], enum: ['null']` (JSON null), and a numeric
 * literal comes out as `type: number` even when every allowed value is an integer.
 */
export function normalize(node: unknown, spec: SpecDocument): unknown {
  if (Array.isArray(node)) return node.map((item) => normalize(item, spec));
  if (node === null || typeof node !== 'object') return node;

  const source = node as JsonSchema;
  if (typeof source.$ref === 'string') {
    const name = source.$ref.replace('#/components/schemas/', '');
    const target = spec.components.schemas[name];
    if (!target) throw new Error(`Unresolvable $ref ${source.$ref}`);
    return normalize(target, spec);
  }

  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(source)) {
    if (PROSE_KEYS.has(key) || key.startsWith('x-')) continue;
    if (key === 'properties') {
      out.properties = Object.fromEntries(
        Object.entries(value as JsonSchema).map(([prop, schema]) => [
          prop,
          normalize(schema, spec),
        ]),
      );
    } else if (key === 'type') {
      out.type = (Array.isArray(value) ? [...value] : [value]).sort();
    } else if (key === 'const') {
      out.enum = [value];
    } else if (key === 'required') {
      out.required = [...(value as string[])].sort();
    } else {
      out[key] = normalize(value, spec);
    }
  }

  const type = out.type as string[] | undefined;
  const values = out.enum as unknown[] | undefined;
  if (isDeepStrictEqual(type, ['null', 'string']) && isDeepStrictEqual(values, ['null'])) {
    out.type = ['null'];
    delete out.enum;
  }
  if (isDeepStrictEqual(type, ['number']) && values?.every((v) => Number.isInteger(v))) {
    out.type = ['integer'];
  }
  return out;
}

export function zodAsOpenApi(schema: ZodTypeAny, spec: SpecDocument): unknown {
  return normalize(generateSchema(schema), spec);
}

/** Names of the components whose zod schema and spec schema differ in meaning, or exist on one side only. */
export function findDrift(spec: SpecDocument, schemas: Record<string, ZodTypeAny>): string[] {
  const names = new Set([...Object.keys(spec.components.schemas), ...Object.keys(schemas)]);
  return [...names].filter((name) => {
    const fromSpec = spec.components.schemas[name];
    const fromZod = schemas[name];
    if (!fromSpec || !fromZod) return true;
    return !isDeepStrictEqual(normalize(fromSpec, spec), zodAsOpenApi(fromZod, spec));
  });
}
