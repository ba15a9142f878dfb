// Reports what the client costs a browser app: the built main entry bundled with all of its
// dependencies (openapi-fetch, @kyyvideo/contract, zod), minified, then gzip-compressed.
// Run `pnpm build` first. Usage: node scripts/size.mjs [--json | --check]
// --check fails when the figure stated in README.md is off by more than README_TOLERANCE.
import { existsSync, readFileSync } from 'node:fs';
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
  // Every export of the entry is kept (the worst case: an app using all of it); esbuild only
  // drops code nothing reaches.
  treeShaking: true,
});

const code = result.outputFiles[0].contents;
const gzip = gzipSync(code, { level: 9 }).length;
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} kB`;

// Small changes move the size by a few bytes; the README only needs to stay roughly right.
const README_TOLERANCE = 0.03;

if (process.argv.includes('--check')) {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const stated = /\*\*Size:\*\* ([\d,]+) bytes minified \+ gzip/.exec(readme)?.[1];
  if (!stated) {
    console.error('README.md has no "**Size:** N bytes minified + gzip" line.');
    process.exit(1);
  }
  const claimed = Number(stated.replaceAll(',', ''));
  const drift = Math.abs(gzip - claimed) / claimed;
  if (drift > README_TOLERANCE) {
    console.error(
      `README.md states ${claimed} bytes min+gzip but the bundle is ${gzip} bytes (${(drift * 100).toFixed(1)}% off): update the Size line (also the minified figure, ${code.length}).`,
    );
    process.exit(1);
  }
  console.log(`README size figure is current: ${gzip} bytes measured, ${claimed} stated.`);
} else if (process.argv.includes('--json')) {
  console.log(JSON.stringify({ minified: code.length, gzip }));
} else {
  console.log(`@kyyvideo/client browser bundle (entry + dependencies):`);
  console.log(`  minified:        ${code.length} bytes (${kb(code.length)})`);
  console.log(`  minified + gzip: ${gzip} bytes (${kb(gzip)})`);
}
