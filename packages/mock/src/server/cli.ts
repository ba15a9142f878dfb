import { readFileSync } from 'node:fs';
import { Command, CommanderError, Option } from 'commander';
import {
  API_KEY_ENV,
  describeListenError,
  MOCK_CLI_ENVIRONMENT,
  MOCK_CLI_OPTIONS,
  type MockCliSettings,
  MockUsageError,
  parseMockCliOptions,
} from '../cli/options.js';

/** Exit codes: 0 clean stop, 1 could not start, 2 bad command line. */
function fail(message: string, code: number): never {
  console.error(`kyy-mock: ${message}`);
  process.exit(code);
}

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}

const program = new Command('kyy-mock')
  .description('Runs a local mock of the KyyVideo2 API and prints its base URL.')
  .version(version(), '-V, --version', 'print the version')
  .helpOption('-h, --help', 'show this help')
  .exitOverride()
  .configureOutput({ outputError: () => {} });
for (const option of MOCK_CLI_OPTIONS)
  program.addOption(new Option(option.flags, option.description));
program
  .option('--quiet', 'do not log each request (failures of the mock itself are still reported)')
  // Accepted only to refuse it with a useful message, as `kyy` does.
  .addOption(new Option('--api-key <key>').hideHelp())
  .addHelpText('after', `\n${MOCK_CLI_ENVIRONMENT}`);

let settings: MockCliSettings;
try {
  program.parse();
  settings = parseMockCliOptions(program.opts(), process.env);
} catch (error) {
  if (error instanceof CommanderError) {
    // --help and --version land here too, having printed what they should.
    if (error.exitCode === 0) process.exit(0);
    fail(`${error.message.replace(/^error: /, '')}\n\n${program.helpInformation()}`, 2);
  }
  if (error instanceof MockUsageError) fail(`${error.message}\n\n${program.helpInformation()}`, 2);
  throw error;
}
const quiet = program.opts().quiet === true;

// Loaded only after the arguments are known good, so --help and usage errors answer instantly.
const { startMockServer } = await import('./index.js');
let server: Awaited<ReturnType<typeof startMockServer>>;
try {
  server = await startMockServer({
    ...settings,
    log: quiet ? undefined : (line) => console.log(`kyy-mock: ${line}`),
    // Failures of the mock itself reach stderr even with --quiet.
    onError: (line) => console.error(`kyy-mock: ${line}`),
  });
} catch (error) {
  fail(
    describeListenError(error, settings) ??
      (error instanceof Error ? error.message : String(error)),
    1,
  );
}

const { apiKey, stateFile, latencyMs, proxy, proxyStrict, recordFile, replayFile } = settings;
console.log(`kyy-mock: KyyVideo2 API mock listening on ${server.url}`);
if (proxy !== undefined) {
  // Every request now reaches the real service and may cost money: no sample upload to try.
  console.log(
    `kyy-mock: proxy to ${proxy}: each caller's Authorization is passed on (never logged or recorded); answers are checked against the spec${proxyStrict ? ', and one that does not match becomes a 502' : ''}`,
  );
} else {
  console.log(
    `kyy-mock: auth: ${apiKey === undefined ? 'any non-empty Bearer token is accepted' : 'only the configured API key is accepted'}; state: ${stateFile ? `persisted in ${stateFile}` : 'in memory (lost on exit)'}${latencyMs ? `; latency: +${latencyMs} ms` : ''}`,
  );
}
if (replayFile !== undefined) {
  console.log(
    `kyy-mock: replaying ${replayFile}: recorded requests get the recorded answers; ${settings.replayStrict ? 'anything else gets a 404' : 'the mock answers anything else'}`,
  );
}
if (recordFile !== undefined) console.log(`kyy-mock: recording every exchange to ${recordFile}`);
if (proxy === undefined) {
  // With a key configured, "any-key" would get a 401, and printing the key would put it in logs
  // and scrollback; the line names the environment variable instead, which the shell expands.
  const bearer = apiKey === undefined ? 'any-key' : `$${API_KEY_ENV}`;
  if (apiKey !== undefined) {
    console.log(
      `kyy-mock: the curl line below reads the key from $${API_KEY_ENV}; set it to the key this mock was started with`,
    );
  }
  console.log(
    `kyy-mock: try  curl -X POST ${server.url}/kyyVideo2/asset/upload -H "Authorization: Bearer ${bearer}" -H 'Content-Type: application/json' -d '{"assetType":"Image","url":"https://example.com/cat.jpg","name":"Cat Image"}'`,
  );
}
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
