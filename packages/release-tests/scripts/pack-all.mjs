#!/usr/bin/env node
// `pnpm pack:all [folder]`: until a release is on npm, the way to install our packages. The root
// script builds the published packages first; this packs each with `pnpm pack` (which turns
// `workspace:^` into the real version range, so the tarballs depend on each other by version)
// into one folder and prints the `npm install` line that installs them together.

import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));
/** The published packages, in dependency order. */
const PUBLISHED = [
  { name: '@kyyvideo/contract', dir: 'packages/contract' },
  { name: '@kyyvideo/client', dir: 'packages/client' },
  { name: '@kyyvideo/jobs', dir: 'packages/jobs' },
  { name: '@kyyvideo/mock', dir: 'packages/mock' },
  { name: '@kyyvideo/cli', dir: 'apps/cli' },
];

const out = resolve(process.argv[2] ?? join(tmpdir(), 'kyyvideo-packages'));
mkdirSync(out, { recursive: true });
// Tarballs of an older build would be installed alongside the new ones.
for (const file of readdirSync(out)) {
  if (/^kyyvideo-.*\.tgz$/.test(file)) rmSync(join(out, file));
}

const tarballs = PUBLISHED.map(({ name, dir }) => {
  const printed = execFileSync('pnpm', ['pack', '--pack-destination', out], {
    cwd: join(REPO_ROOT, dir),
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const file = printed.trim().split('\n').at(-1)?.trim() ?? '';
  if (!file.endsWith('.tgz')) throw new Error(`pnpm pack ${name} printed no tarball:\n${printed}`);
  return resolve(out, file);
});

console.log(`Packed ${PUBLISHED.map(({ name }) => name).join(', ')} into ${out}`);
console.log('Nothing is published to npm yet. In your project, install them together with:');
console.log('');
console.log(`  npm install ${tarballs.join(' ')}`);
console.log('');
console.log("(All four at once, so that npm finds each package's dependencies on the others.)");
console.log(
  'They are ES modules: in a project made with `npm init -y`, run `npm pkg set type=module` first.',
);
