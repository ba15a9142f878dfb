import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

/**
 * The hand-written contract itself. The suite reads the YAML source rather than anything derived
 * from it (generated types, zod schemas), so a mistake shared by those derivatives cannot hide.
 */
export const SPEC_PATH = new URL('../../../spec/openapi.yaml', import.meta.url);

export type JsonObject = Record<string, unknown>;

export interface OpenApiDocument extends JsonObject {
  paths: Record<string, Record<string, JsonObject>>;
  components: { schemas: Record<string, JsonObject> } & JsonObject;
}

let cached: OpenApiDocument | undefined;

export function loadOpenApiDocument(): OpenApiDocument {
  cached ??= parse(readFileSync(SPEC_PATH, 'utf8')) as OpenApiDocument;
  return cached;
}
