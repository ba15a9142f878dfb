import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { PEER_VERSIONS, type PeerName } from './peer-versions.js';

/** Written after a successful install; a cache whose marker matches PEER_VERSIONS is reused. */
const MARKER_FILE = 'kyy-bench-peers.json';

function markerText(): string {
  return `${JSON.stringify(PEER_VERSIONS, null, 2)}\n`;
}

export function isCacheCurrent(cacheDir: string): boolean {
  const marker = join(cacheDir, MARKER_FILE);
  if (!existsSync(marker) || readFileSync(marker, 'utf8') !== markerText()) return false;
  return Object.keys(PEER_VERSIONS).every((name) =>
    existsSync(join(cacheDir, 'node_modules', name, 'package.json')),
  );
}

/**
 * Installs the benchmark peers with npm into `cacheDir` unless a matching install is there.
 * Scripts are skipped: none of the peers needs one (esbuild's binary arrives as an optional
 * dependency), and it keeps the install from running arbitrary code.
 */
export function ensurePeers(cacheDir: string, log: (line: string) => void): void {
  if (isCacheCurrent(cacheDir)) {
    log(`peers: reusing ${cacheDir}`);
    return;
  }
  mkdirSync(cacheDir, { recursive: true });
  const manifest = {
    name: 'kyy-bench-peers',
    private: true,
    description: 'Installed by @kyyvideo/bench; safe to delete.',
    dependencies: PEER_VERSIONS,
  };
  writeFileSync(join(cacheDir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  log(`peers: installing ${Object.keys(PEER_VERSIONS).join(', ')} into ${cacheDir} (once)`);
  const result = spawnSync(
    'npm',
    [
      'install',
      '--prefix',
      cacheDir,
      '--no-audit',
      '--no-fund',
      '--ignore-scripts',
      '--loglevel=error',
    ],
    {
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, npm_config_workspaces: 'false' },
    },
  );
  if (result.status !== 0) {
    throw new Error(
      `npm install into ${cacheDir} failed (exit ${result.status ?? result.signal}); check network access to the npm registry, or delete the directory and retry`,
    );
  }
  writeFileSync(join(cacheDir, MARKER_FILE), markerText());
}

/** `require` rooted in the cache, for the CommonJS peers (autocannon, esbuild). */
export function requirePeer<T>(cacheDir: string, name: PeerName): T {
  return createRequire(join(cacheDir, 'package.json'))(name) as T;
}

/** Absolute path of a peer's bin script, so it can be spawned directly with `node`. */
export function peerBin(cacheDir: string, name: PeerName, bin: string): string {
  const dir = join(cacheDir, 'node_modules', name);
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
    bin?: string | Record<string, string>;
  };
  const rel = typeof pkg.bin === 'string' ? pkg.bin : pkg.bin?.[bin];
  if (!rel) throw new Error(`${name} has no bin named ${bin}`);
  return join(dir, rel);
}
