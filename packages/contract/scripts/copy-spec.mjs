// Ships the spec inside the package as JSON (`@kyyvideo/contract/openapi.json`), so tools such as
// independent validators read the very document the types were generated from.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { parse } from 'yaml';

const spec = parse(await readFile(new URL('../../../spec/openapi.yaml', import.meta.url), 'utf8'));
await mkdir(new URL('../dist/', import.meta.url), { recursive: true });
await writeFile(
  new URL('../dist/openapi.json', import.meta.url),
  `${JSON.stringify(spec, null, 2)}\n`,
);
