// `pnpm test`: runs a command (turbo) and passes its output through unchanged. turbo shows only a
// failing package's output, so a long green run on a busy machine was silent for minutes; after
// each stretch of silence this prints one line saying the run is still alive. A quick run
// prints nothing extra, so a green run still ends with only turbo's summary.
//
// node heartbeat.mjs <command> [args…]   (extra arguments given to `pnpm test` are appended)
import { spawn } from 'node:child_process';

/** Silence long enough that a newcomer starts to wonder; short runs never reach it. */
const DEFAULT_HEARTBEAT_MS = 30_000;

const [command, ...args] = process.argv.slice(2);
if (!command) {
  console.error('heartbeat: name the command to run, e.g. node heartbeat.mjs turbo run test');
  process.exit(2);
}

// For this script's own test only: a heartbeat it can wait for without waiting 30 s.
const fromEnv = Number(process.env.KYY_HEARTBEAT_MS);
const heartbeatMs = Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : DEFAULT_HEARTBEAT_MS;

const started = Date.now();
const child = spawn(command, args, {
  stdio: ['inherit', 'pipe', 'pipe'],
  // turbo colours only a terminal; keep its colours when this script's output is one.
  env: process.stdout.isTTY ? { FORCE_COLOR: '1', ...process.env } : process.env,
});

const elapsed = () => {
  const seconds = Math.round((Date.now() - started) / 1000);
  return seconds < 60 ? `${seconds} s` : `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
};

/** @type {NodeJS.Timeout | undefined} */
let timer;
const rearm = () => {
  clearTimeout(timer);
  timer = setTimeout(beat, heartbeatMs);
};
function beat() {
  process.stderr.write(
    `… still running (${elapsed()}); a failing package's output appears as soon as it fails.\n`,
  );
  rearm();
}

child.stdout.on('data', (chunk) => {
  process.stdout.write(chunk);
  rearm();
});
child.stderr.on('data', (chunk) => {
  process.stderr.write(chunk);
  rearm();
});
rearm();

// Ctrl-C and a closed terminal reach turbo directly (one process group), and a second SIGINT
// would make turbo skip its clean shutdown: this script only stays to pass turbo's last words on.
// SIGTERM is sent to this script alone (a CI runner, kill), so it is handed on.
for (const signal of ['SIGINT', 'SIGHUP']) process.on(signal, () => {});
process.on('SIGTERM', () => child.kill('SIGTERM'));

child.on('error', (error) => {
  clearTimeout(timer);
  console.error(`heartbeat: could not run ${command}: ${error.message}`);
  process.exit(127);
});
child.on('close', (code, signal) => {
  clearTimeout(timer);
  process.exitCode = code ?? (signal ? 1 : 0);
});
