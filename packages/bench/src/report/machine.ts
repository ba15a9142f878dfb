import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { join } from 'node:path';

export interface MachineInfo {
  date: string;
  cpu: string;
  cores: number;
  memory: string;
  os: string;
  node: string;
  commit: string;
  versions: Record<string, string>;
}

function tryRun(command: string, args: string[], cwd: string): string {
  try {
    return execFileSync(command, args, { cwd, encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

function versionOf(requireFrom: NodeRequire, name: string): string {
  try {
    const manifest = requireFrom.resolve(`${name}/package.json`);
    return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
  } catch {
    return 'not installed';
  }
}

export function describeMachine(repoRoot: string, benchDir: string, cacheDir: string): MachineInfo {
  const cpus = os.cpus();
  const fromBench = createRequire(join(benchDir, 'package.json'));
  const fromClient = createRequire(join(repoRoot, 'packages', 'client', 'package.json'));
  const fromContract = createRequire(join(repoRoot, 'packages', 'contract', 'package.json'));
  const fromMock = createRequire(join(repoRoot, 'packages', 'mock', 'package.json'));
  const fromCache = createRequire(join(cacheDir, 'package.json'));
  const dirty = tryRun('git', ['status', '--porcelain', '--', 'packages', 'apps'], repoRoot);
  return {
    date: new Date().toISOString(),
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    memory: `${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB`,
    os: `${os.type()} ${os.release()} (${os.arch()})`,
    node: process.version,
    commit: `${tryRun('git', ['rev-parse', '--short', 'HEAD'], repoRoot)}${dirty && dirty !== 'unknown' ? ' (with uncommitted changes)' : ''}`,
    versions: {
      'openapi-fetch':
        versionOf(fromClient, 'openapi-fetch') === 'not installed'
          ? versionOf(fromBench, 'openapi-fetch')
          : versionOf(fromClient, 'openapi-fetch'),
      zod: versionOf(fromContract, 'zod'),
      msw: versionOf(fromMock, 'msw'),
      '@stoplight/prism-cli': versionOf(fromCache, '@stoplight/prism-cli'),
      autocannon: versionOf(fromCache, 'autocannon'),
      esbuild: versionOf(fromCache, 'esbuild'),
    },
  };
}
