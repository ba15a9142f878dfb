import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DEFAULT_HOST, DEFAULT_PORT } from './defaults.js';

const USAGE = `Usage: kyy-mock [options]

Runs a local mock of the KyyVideo2 asset library API and prints its base URL.

Options:
  --port N         port to listen on (default ${DEFAULT_PORT}; 0 picks a free port)
  --host HOST      interface to bind (default ${DEFAULT_HOST})
  --state FILE     keep assets in FILE across restarts (JSON, written atomically)
  --api-key KEY    accept only "Authorization: Bearer KEY" (or set KYY_MOCK_API_KEY);
                   without it any non-empty Bearer token is accepted
  --latency MS     add MS milliseconds to every response
  --quiet          do not log each request
  -h, --help       show this help
  -v, --version    print the version`;

/** Exit codes: 0 clean stop, 1 could not start, 2 bad command line. */
function fail(message: string, code: number): never {
  console.error(`kyy-mock: ${message}`);
  process.exit(code);
}

function nonNegativeInt(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isInteger(n) || n < 0) {
    fail(`${flag} expects a whole number ≥ 0, got ${JSON.stringify(value)}.\n\n${USAGE}`, 2);
  }
  return n;
}

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}

let args: ReturnType<typeof parse>;
function parse() {
  return parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      state: { type: 'string' },
      'api-key': { type: 'string' },
      latency: { type: 'string' },
      quiet: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean', short: 'v' },
    },
    strict: true,
    allowPositionals: false,
  });
}
try {
  args = parse();
} catch (error) {
  fail(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`, 2);
}

const { values } = args;
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
if (values.version) {
  console.log(version());
  process.exit(0);
}

const port = nonNegativeInt('--port', values.port) ?? DEFAULT_PORT;
if (port > 65_535) fail(`--port must be at most 65535, got ${port}.`, 2);
const host = values.host ?? DEFAULT_HOST;
const apiKey = values['api-key'] ?? (process.env.KYY_MOCK_API_KEY || undefined);
if (apiKey !== undefined && apiKey.trim() === '') fail('--api-key must not be empty.', 2);
const latencyMs = nonNegativeInt('--latency', values.latency) ?? 0;

// Loaded only after the arguments are known good, so --help and usage errors answer instantly.
const { startMockServer } = await import('./index.js');
let server: Awaited<ReturnType<typeof startMockServer>>;
try {
  server = await startMockServer({
    port,
    host,
    stateFile: values.state,
    apiKey,
    latencyMs,
    log: values.quiet ? undefined : (line) => console.log(`kyy-mock: ${line}`),
  });
} catch (error) {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE') {
    fail(
      `port ${port} on ${host} is already in use. Stop the other process, or pass --port <another> (--port 0 picks a free one).`,
      1,
    );
  }
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND')
    fail(
      `cannot bind to host ${JSON.stringify(host)}; use an address of this machine, e.g. 127.0.0.1.`,
      1,
    );
  fail(error instanceof Error ? error.message : String(error), 1);
}

console.log(`kyy-mock: KyyVideo2 asset API mock listening on ${server.url}`);
console.log(
  `kyy-mock: auth: ${apiKey === undefined ? 'any non-empty Bearer token is accepted' : 'only the configured API key is accepted'}; state: ${values.state ? `persisted in ${values.state}` : 'in memory (lost on exit)'}${latencyMs ? `; latency: +${latencyMs} ms` : ''}`,
);
// With a key configured, "any-key" would get a 401, and printing the key would put it in logs and
// scrollback; the line names the environment variable instead, which the shell expands.
const bearer = apiKey === undefined ? 'any-key' : '$KYY_MOCK_API_KEY';
if (apiKey !== undefined) {
  console.log(
    'kyy-mock: the curl line below reads the key from $KYY_MOCK_API_KEY; set it to the key this mock was started with',
  );
}
console.log(
  `kyy-mock: try  curl -X POST ${server.url}/kyyVideo2/asset/upload -H "Authorization: Bearer ${bearer}" -H 'Content-Type: application/json' -d '{"assetType":"Image","url":"https://example.com/cat.jpg","name":"Cat Image"}'`,
);
console.log('kyy-mock: press Ctrl+C to stop');

let stopping = false;
const stop = (signal: NodeJS.Signals) => {
  if (stopping) {
    // A second Ctrl+C means "now": skip the graceful wait.
    process.exit(1);
  }
  stopping = true;
  console.log(`kyy-mock: ${signal} received, shutting down`);
  server.close().then(
    () => process.exit(0),
    (error: unknown) =>
      fail(`shutdown failed: ${error instanceof Error ? error.message : String(error)}`, 1),
  );
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
