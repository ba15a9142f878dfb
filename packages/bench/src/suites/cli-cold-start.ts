import type { ChildServer } from '../proc/child-server.js';
import { expectSuccess, runTimed } from '../proc/run-timed.js';
import { formatMs, formatRatio } from '../report/format.js';
import { BENCH_TOKEN, createAsset } from '../servers/api-requests.js';
import { startMock } from '../servers/mock-server.js';
import { workspaceBin, workspacePackageDir } from '../servers/workspace-bins.js';
import { ratio, summarize } from '../stats/percentile.js';
import type { BenchContext, SuiteResult } from './types.js';

const FLOOR = 'node -e 0';
const GET_LABEL = 'kyy assets get <id> (against the mock)';

interface Command {
  label: string;
  args: string[];
  cwd?: string;
  /** Diagnostic rows explain the kyy rows; they are not part of the headline. */
  diagnostic?: boolean;
}

/**
 * What loading one of the CLI's dependencies costs on its own: a fresh Node importing it from
 * the CLI's directory, so it resolves exactly the copy the CLI uses.
 */
function importOnly(specifier: string, cliDir: string): Command {
  return {
    label: `diagnostic: node importing ${specifier}`,
    args: ['--input-type=module', '-e', `await import(${JSON.stringify(specifier)});`],
    cwd: cliDir,
    diagnostic: true,
  };
}

/** Environment of a measured `kyy` run: only what it needs, pointed at the local mock. */
/**
 * The floor for a command that makes one request: Node starting, one global fetch with the same
 * headers, the body read, and Node exiting (which waits for fetch's keep-alive socket handling).
 */
function rawFetchFloor(url: string): Command {
  const script = `const r = await fetch(${JSON.stringify(url)}, { headers: { authorization: 'Bearer ' + process.env.KYY_API_KEY } }); await r.text();`;
  return {
    label: 'diagnostic: node + one raw fetch to the mock',
    args: ['--input-type=module', '-e', script],
    diagnostic: true,
  };
}

export function kyyEnv(baseUrl: string): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    KYY_API_KEY: BENCH_TOKEN,
    KYY_BASE_URL: baseUrl,
    NO_COLOR: '1',
  };
}

function runCommand(command: Command, env: NodeJS.ProcessEnv) {
  return runTimed(process.execPath, command.args, {
    env,
    ...(command.cwd ? { cwd: command.cwd } : {}),
  });
}

export async function cliColdStartSuite(context: BenchContext): Promise<SuiteResult> {
  const { config, log } = context;
  let mock: ChildServer | undefined;
  try {
    mock = await startMock();
    const assetId = await createAsset(mock.url);
    const kyy = workspaceBin('@kyyvideo/cli', 'kyy');
    const cliDir = workspacePackageDir('@kyyvideo/cli');
    const commands: Command[] = [
      { label: FLOOR, args: ['-e', '0'] },
      { label: 'kyy --help', args: [kyy, '--help'] },
      { label: GET_LABEL, args: [kyy, 'assets', 'get', assetId] },
      rawFetchFloor(`${mock.url}/kyyVideo2/asset/${assetId}`),
      importOnly('commander', cliDir),
      importOnly('@kyyvideo/contract', cliDir),
      importOnly('@kyyvideo/client', cliDir),
    ];
    const env = kyyEnv(mock.url);
    const samples = new Map(commands.map((c) => [c.label, [] as number[]]));
    // One unmeasured run each, so every command starts with the same warm file cache.
    for (const command of commands) {
      expectSuccess(command.label, await runCommand(command, env));
    }
    log(`cli: ${config.coldRuns} cold starts of each command`);
    for (let run = 0; run < config.coldRuns; run++) {
      // Rotate the order so no command always runs right after the same other one.
      const shift = run % commands.length;
      for (const command of [...commands.slice(shift), ...commands.slice(0, shift)]) {
        const timed = expectSuccess(command.label, await runCommand(command, env));
        samples.get(command.label)?.push(timed.wallMs);
      }
    }
    const floor = summarize(samples.get(FLOOR) as number[]);
    const rows = commands.map((command) => {
      const summary = summarize(samples.get(command.label) as number[]);
      return [
        command.label,
        formatMs(summary.p50),
        formatMs(summary.min),
        formatMs(summary.p90),
        formatMs(summary.p50 - floor.p50),
        formatRatio(ratio(summary.p50, floor.p50)),
      ];
    });
    const help = summarize(samples.get('kyy --help') as number[]);
    const get = summarize(samples.get(GET_LABEL) as number[]);
    return {
      name: 'cli',
      title: '4. CLI cold start',
      headlines: [
        `CLI cold start (median of ${config.coldRuns}): \`kyy --help\` ${formatMs(help.p50)} = ${formatRatio(ratio(help.p50, floor.p50))} \`node -e 0\` (${formatMs(floor.p50)}); \`kyy assets get\` against the mock ${formatMs(get.p50)} = ${formatRatio(ratio(get.p50, floor.p50))}.`,
      ],
      sections: [
        {
          heading: 'Wall time from spawn to exit',
          text: `${config.coldRuns} runs of each command (after one unmeasured run each), interleaved; every run is a new Node process. \`node -e 0\` is the floor: the cost of starting Node at all. The diagnostic rows start Node and only import one dependency of the CLI (resolved from the CLI's directory), to show where start-up time goes.`,
          table: {
            headers: ['command', 'median', 'min', 'p90', 'median above floor', 'median ÷ floor'],
            rows,
          },
        },
      ],
    };
  } finally {
    await mock?.stop();
  }
}
