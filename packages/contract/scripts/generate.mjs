// Generates src/generated/openapi.ts from spec/openapi.yaml with openapi-typescript.
// `--check` writes nothing and exits 1 when the committed file is stale.
import { readFile, writeFile } from 'node:fs/promises';
import openapiTS, { astToString } from 'openapi-typescript';

const specUrl = new URL('../../../spec/openapi.yaml', import.meta.url);
const outUrl = new URL('../src/generated/openapi.ts', import.meta.url);

const HEADER = `/**
 * This file is auto-generated from spec/openapi.yaml by openapi-typescript.
 * Do not edit it by hand: change the spec, then run \`pnpm generate\`.
 */

`;

// A `default` is what the service assumes when the field is left out, so the field stays optional
// (openapi-typescript would otherwise make `duration` required in the request type).
const ast = await openapiTS(specUrl, { alphabetize: false, defaultNonNullable: false });
const next = HEADER + astToString(ast);

if (process.argv.includes('--check')) {
  const current = await readFile(outUrl, 'utf8').catch(() => '');
  if (current !== next) {
    console.error(
      'src/generated/openapi.ts is stale: it no longer matches spec/openapi.yaml. Run `pnpm generate` and commit the result.',
    );
    process.exit(1);
  }
  console.log('src/generated/openapi.ts is up to date with spec/openapi.yaml.');
} else {
  await writeFile(outUrl, next);
  console.log('wrote src/generated/openapi.ts');
}
