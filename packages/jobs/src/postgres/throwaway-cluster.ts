import { execFile, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { chmod, chown, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

/**
 * A PostgreSQL for tests and benchmarks: `KYY_TEST_POSTGRES_URL` when it is set, else a cluster of
 * its own started from Debian's binaries in a temp dir (removed by `stop`), else nothing and the
 * one line saying what to install. Each `database()` is a fresh database, because a pg-boss
 * schema from another major version cannot be migrated in place.
 */
export interface TestPostgres {
  /** A new, empty database; its connection URL. */
  database(): Promise<string>;
  /** Stops the server and starts it again on the same port (the restart test). Own clusters only. */
  restart?: () => Promise<void>;
  stop(): Promise<void>;
}

export type TestPostgresResult = { ok: true; postgres: TestPostgres } | { ok: false; skip: string };

export const INSTALL_POSTGRES_HINT =
  'PostgreSQL tests skipped: set KYY_TEST_POSTGRES_URL or install the server (apt-get install -y postgresql)';

const run = promisify(execFile);

function debianBinDir(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'pg_ctl')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] === undefined ? undefined : join(root, versions[0], 'bin');
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

/** initdb and pg_ctl refuse root: run them as `postgres` then. */
function asOwner(bin: string, args: string[]): [string, string[]] {
  return process.getuid?.() === 0
    ? ['runuser', ['-u', 'postgres', '--', bin, ...args]]
    : [bin, args];
}

let databases = 0;

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function createDatabase(adminUrl: string): Promise<string> {
  databases++;
  const name = `kyy_test_${process.pid}_${Date.now().toString(36)}_${databases}`;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  return withDatabase(adminUrl, name);
}

export async function startTestPostgres(): Promise<TestPostgresResult> {
  const given = process.env.KYY_TEST_POSTGRES_URL;
  if (given) {
    return { ok: true, postgres: { database: () => createDatabase(given), stop: async () => {} } };
  }
  const bin = debianBinDir();
  if (!bin) return { ok: false, skip: INSTALL_POSTGRES_HINT };
  const root = process.getuid?.() === 0;
  if (root && spawnSync('id', ['postgres']).status !== 0) {
    return { ok: false, skip: `${INSTALL_POSTGRES_HINT} (no postgres user)` };
  }
  const dir = await mkdtemp(join(tmpdir(), 'kyy-pg-'));
  const ctl = (args: string[]) => {
    const [cmd, argv] = asOwner(join(bin, 'pg_ctl'), args);
    return run(cmd, argv);
  };
  try {
    if (root) {
      await chmod(dir, 0o700);
      const uid = Number(spawnSync('id', ['-u', 'postgres']).stdout.toString().trim());
      const gid = Number(spawnSync('id', ['-g', 'postgres']).stdout.toString().trim());
      await chown(dir, uid, gid);
    }
    const data = join(dir, 'data');
    const [initCmd, initArgs] = asOwner(join(bin, 'initdb'), [
      '-D',
      data,
      '-A',
      'trust',
      '-U',
      'postgres',
      '--no-sync',
    ]);
    await run(initCmd, initArgs);
    const port = await freePort();
    // fsync off: a test cluster is thrown away, and the disk is shared with other engineers.
    const options = `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c fsync=off -c max_connections=200`;
    const startServer = () =>
      ctl(['-D', data, '-o', options, '-l', join(dir, 'log'), '-w', 'start']);
    await startServer();
    const adminUrl = `postgres://postgres@127.0.0.1:${port}/postgres`;
    let stopped = false;
    return {
      ok: true,
      postgres: {
        database: () => createDatabase(adminUrl),
        restart: async () => {
          await ctl(['-D', data, '-m', 'fast', '-w', 'stop']);
          await startServer();
        },
        stop: async () => {
          if (stopped) return;
          stopped = true;
          await ctl(['-D', data, '-m', 'immediate', '-w', 'stop']).catch(() => {});
          await rm(dir, { recursive: true, force: true });
        },
      },
    };
  } catch (error) {
    await ctl(['-D', join(dir, 'data'), '-m', 'immediate', '-w', 'stop']).catch(() => {});
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}
