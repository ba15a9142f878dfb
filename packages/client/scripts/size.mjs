// Reports what the client costs a browser app: the built main entry bundled with all of its
// dependencies (openapi-fetch, @kyyvideo/contract, zod), minified, then gzip-compressed.
// Run `pnpm build` first. Usage: node scripts/size.mjs [--json]
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const entry = fileURLToPath(new URL('../dist/index.js', import.meta.url));
if (!existsSync(entry)) {
  console.error('dist/index.js is missing: run `pnpm --filter @kyyvideo/client build` first.');
  process.exit(1);
}

const result = await build({
  entryPoints: [entry],
  bundle: true,
  minify: true,
  format: 'esm',
  // The browser platform makes any Node-only import in the entry a build error.
  platform: 'browser',
  target: 'es2022',
  write: false,
  logLevel: 'silent',
  // Keep every export alive, as an app importing the whole entry would.
  treeShaking: true,
});

const code = result.outputFiles[0].contents;
const gzip = gzipSync(code, { level: 9 }).length;
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} kB`;

if (process.argv.includes('--json')) {
  console.log(JSON.stringify({ minified: code.length, gzip }));
} else {
  console.log(`@kyyvideo/client browser bundle (entry + dependencies):`);
  console.log(`  minified:        ${code.length} bytes (${kb(code.length)})`);
  console.log(`  minified + gzip: ${gzip} bytes (${kb(gzip)})`);
}
