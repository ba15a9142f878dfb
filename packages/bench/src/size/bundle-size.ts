import { gzipSync } from 'node:zlib';
import { requirePeer } from '../peers/install-peers.js';

/** The slice of esbuild's API used here (typed locally: esbuild lives in the bench cache). */
interface EsbuildOutput {
  outputFiles: { contents: Uint8Array }[];
  metafile: { outputs: Record<string, { inputs: Record<string, { bytesInOutput: number }> }> };
}
interface Esbuild {
  build(options: Record<string, unknown>): Promise<EsbuildOutput>;
  version: string;
}

export interface BundleSize {
  label: string;
  minifiedBytes: number;
  gzipBytes: number;
  /** Minified bytes contributed by each npm package (or "(own code)"), largest first. */
  byPackage: { name: string; bytes: number }[];
}

// gzip -9, as bundle-size tools commonly report; the same level for every entry keeps ratios fair.
const GZIP_LEVEL = 9;

/**
 * Maps an esbuild input path (relative to the repository root) to the package it belongs to,
 * for the per-package breakdown. Workspace packages resolve through their symlinks to
 * packages/<dir>, which is published as @kyyvideo/<dir>.
 */
export function packageOfInput(inputPath: string): string {
  const marker = 'node_modules/';
  const at = inputPath.lastIndexOf(marker);
  if (at === -1) {
    const workspace = /^(?:packages|apps)\/([^/]+)\//.exec(inputPath);
    return workspace ? `@kyyvideo/${workspace[1]}` : '(own code)';
  }
  const rest = inputPath.slice(at + marker.length).split('/');
  const scoped = rest[0]?.startsWith('@');
  return (scoped ? `${rest[0]}/${rest[1]}` : rest[0]) ?? '(own code)';
}

export function esbuildVersion(cacheDir: string): string {
  return requirePeer<Esbuild>(cacheDir, 'esbuild').version;
}

/**
 * Bundles `source` (an ES module that re-exports what a browser app would import) for the
 * browser, minified, tree-shaken, with every dependency inlined, and measures it.
 */
/**
 * Replaces a package with a stand-in that accepts any property access and call, so code that
 * builds schemas at import time still bundles. Used to show what one dependency weighs.
 */
function stubPackagePlugin(name: string) {
  return {
    name: `stub-${name}`,
    setup(build: {
      onResolve(o: { filter: RegExp }, f: () => { path: string; namespace: string }): void;
      onLoad(o: { filter: RegExp; namespace: string }, f: () => { contents: string }): void;
    }) {
      const filter = new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}(/.*)?$`);
      build.onResolve({ filter }, () => ({ path: name, namespace: 'stub' }));
      build.onLoad({ filter: /.*/, namespace: 'stub' }, () => ({
        contents:
          'const s = new Proxy(function () {}, { get: () => s, apply: () => s }); export const z = s; export default s;',
      }));
    },
  };
}

export async function measureBundle(
  cacheDir: string,
  label: string,
  source: string,
  resolveDir: string,
  repoRoot: string,
  stub?: string,
): Promise<BundleSize> {
  const esbuild = requirePeer<Esbuild>(cacheDir, 'esbuild');
  const result = await esbuild.build({
    stdin: { contents: source, resolveDir, loader: 'js', sourcefile: `${label}.js` },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    metafile: true,
    legalComments: 'none',
    logLevel: 'silent',
    absWorkingDir: repoRoot,
    // Symlinked workspace packages must resolve like installed ones.
    preserveSymlinks: false,
    plugins: stub ? [stubPackagePlugin(stub)] : [],
  });
  const output = result.outputFiles[0];
  if (!output) throw new Error(`esbuild produced no output for ${label}`);
  const totals = new Map<string, number>();
  for (const meta of Object.values(result.metafile.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(meta.inputs)) {
      const name = packageOfInput(input);
      totals.set(name, (totals.get(name) ?? 0) + bytesInOutput);
    }
  }
  return {
    label,
    minifiedBytes: output.contents.byteLength,
    gzipBytes: gzipSync(output.contents, { level: GZIP_LEVEL }).byteLength,
    byPackage: [...totals]
      .map(([name, bytes]) => ({ name, bytes }))
      .filter((entry) => entry.bytes > 0)
      .sort((a, b) => b.bytes - a.bytes),
  };
}
