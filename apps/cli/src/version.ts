import { readFileSync } from 'node:fs';

/** Read at call time (only for --version and the User-Agent), not at import. */
export function cliVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}
