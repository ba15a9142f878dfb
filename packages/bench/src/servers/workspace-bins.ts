import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { BENCH_PACKAGE_DIR } from '../config.js';

const requireFromBench = createRequire(join(BENCH_PACKAGE_DIR, 'package.json'));

/**
 * Absolute path of a workspace package's bin script, found through the package's manifest so
 * that it follows whatever the package declares. It must have been built (`pnpm bench` builds
 * dependencies first through turbo's ^build).
 */
export function workspaceBin(packageName: string, bin: string): string {
  const manifestPath = requireFromBench.resolve(`${packageName}/package.json`);
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
    bin?: string | Record<string, string>;
  };
  const rel = typeof manifest.bin === 'string' ? manifest.bin : manifest.bin?.[bin];
  if (!rel) throw new Error(`${packageName} declares no bin named ${bin}`);
  return join(dirname(manifestPath), rel);
}

/** The directory of a workspace package (where its own dependencies resolve from). */
export function workspacePackageDir(packageName: string): string {
  return dirname(requireFromBench.resolve(`${packageName}/package.json`));
}
