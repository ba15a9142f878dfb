// Runs commands with a hard time limit and stops whole process trees. Every child starts in its
// own process group (detached) because `npx kyy mock` or `pnpm run …` are wrappers around the
// real process: signalling only the wrapper would leave the server running.

import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';

/** How long a process group gets to exit after SIGTERM before it is SIGKILLed. */
export const STOP_GRACE_MS = 5_000;
/** How often a stopping process group is checked for survivors. */
const GROUP_POLL_MS = 50;
/** Output kept per command for error messages; later output replaces earlier. */
const OUTPUT_LIMIT_CHARS = 200_000;
/** Lines of output shown when a command fails: the end, and the lines that look like errors
 * (a turbo or pnpm summary at the end often hides the compiler error above it). */
const FAILURE_TAIL_LINES = 40;
const FAILURE_ERROR_LINES = 20;

/** @type {Set<import('node:child_process').ChildProcess>} */
const live = new Set();

export class CommandError extends Error {
  /**
   * @param {string} message
   * @param {string} output
   */
  constructor(message, output) {
    super(`${message}${output ? `\n${failureExcerpt(output)}` : ''}`);
    this.name = 'CommandError';
    this.output = output;
  }
}

/**
 * @typedef {{ cwd: string, env: NodeJS.ProcessEnv, timeoutMs: number, echo?: (chunk: string) => void }} RunOptions
 */

/**
 * Runs a command to completion; rejects with its output when it fails or overruns.
 * @param {string} command
 * @param {string[]} args
 * @param {RunOptions} options
 * @returns {Promise<{ stdout: string, stderr: string }>}
 */
export function run(command, args, { cwd, env, timeoutMs, echo }) {
  const display = [command, ...args].join(' ');
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd,
      env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    live.add(child);
    let stdout = '';
    let stderr = '';
    let combined = '';
    /** @param {'out' | 'err'} stream */
    const collect = (stream) => (/** @type {Buffer} */ data) => {
      const text = data.toString();
      if (stream === 'out') stdout = cap(stdout + text);
      else stderr = cap(stderr + text);
      combined = cap(combined + text);
      echo?.(text);
    };
    child.stdout?.on('data', collect('out'));
    child.stderr?.on('data', collect('err'));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      void stopProcess(child);
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      live.delete(child);
      reject(new CommandError(`\`${display}\` could not start: ${error.message}`, combined));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      live.delete(child);
      if (timedOut) {
        reject(
          new CommandError(`\`${display}\` did not finish within ${timeoutMs / 1000} s`, combined),
        );
      } else if (code === 0) {
        resolve({ stdout, stderr });
      } else {
        const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
        reject(new CommandError(`\`${display}\` ${how} (in ${cwd})`, combined));
      }
    });
  });
}

/**
 * @typedef {{ output: () => string, match: RegExpMatchArray, stop: () => Promise<void>, pid: number | undefined }} Service
 */

/**
 * Starts a long-running command and resolves once its output matches `ready`.
 * @param {string} command
 * @param {string[]} args
 * @param {RunOptions & { ready: RegExp }} options
 * @returns {Promise<Service>}
 */
export function startService(command, args, { cwd, env, timeoutMs, ready, echo }) {
  const display = [command, ...args].join(' ');
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd,
      env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    live.add(child);
    let combined = '';
    let settled = false;
    const service = {
      output: () => combined,
      stop: () => stopProcess(child),
      pid: child.pid,
    };
    /** @param {Error} error */
    const fail = (error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void stopProcess(child).finally(() => reject(error));
    };
    const timer = setTimeout(() => {
      fail(
        new CommandError(
          `\`${display}\` did not report ready within ${timeoutMs / 1000} s`,
          combined,
        ),
      );
    }, timeoutMs);
    const onData = (/** @type {Buffer} */ data) => {
      const text = data.toString();
      combined = cap(combined + text);
      echo?.(text);
      if (settled) return;
      const match = combined.match(ready);
      if (match) {
        settled = true;
        clearTimeout(timer);
        resolve({ ...service, match });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('error', (error) =>
      fail(new CommandError(`\`${display}\` could not start: ${error.message}`, combined)),
    );
    child.on('close', (code, signal) => {
      live.delete(child);
      fail(new CommandError(`\`${display}\` exited early (${signal ?? `code ${code}`})`, combined));
    });
  });
}

/**
 * SIGTERM to the whole group, SIGKILL after a grace period; resolves once every process of the
 * group has exited (a wrapper such as npx often exits before the server it started).
 * @param {import('node:child_process').ChildProcess} child
 * @returns {Promise<void>}
 */
export async function stopProcess(child) {
  const pgid = child.pid;
  live.delete(child);
  if (pgid === undefined) return;
  signalGroup(child, 'SIGTERM');
  if (await waitForGroupExit(child, pgid, STOP_GRACE_MS)) return;
  signalGroup(child, 'SIGKILL');
  // Last resort: never let a stuck process hold the test (or its cleanup) open.
  await waitForGroupExit(child, pgid, STOP_GRACE_MS);
}

/**
 * @param {import('node:child_process').ChildProcess} child
 * @param {number} pgid
 * @param {number} timeoutMs
 */
async function waitForGroupExit(child, pgid, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const leaderDone = child.exitCode !== null || child.signalCode !== null;
    if (leaderDone && !groupHasLiveMembers(pgid)) return true;
    await new Promise((resolve) => setTimeout(resolve, GROUP_POLL_MS));
  }
  return false;
}

/**
 * Whether any process of the group still runs. Zombies (exited, awaiting their reaper) don't
 * count. Reads /proc where there is one; elsewhere asks the kernel about the group.
 * @param {number} pgid
 */
export function groupHasLiveMembers(pgid) {
  if (!existsSync('/proc/self/stat')) {
    try {
      process.kill(-pgid, 0);
      return true;
    } catch {
      return false;
    }
  }
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // exited while we looked
    }
    // Fields after "(comm) ": state ppid pgrp …; comm itself may contain spaces or parentheses.
    const [state, , pgrp] = stat.slice(stat.lastIndexOf(') ') + 2).split(' ');
    if (Number(pgrp) === pgid && state !== 'Z' && state !== 'X') return true;
  }
  return false;
}

/** Stops every child this module started that is still running. */
export async function stopAll() {
  await Promise.all([...live].map((child) => stopProcess(child)));
}

/**
 * @param {import('node:child_process').ChildProcess} child
 * @param {NodeJS.Signals} signal
 */
function signalGroup(child, signal) {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // The group is already gone; try the process itself in case it left its group.
    try {
      child.kill(signal);
    } catch {}
  }
}

/** @param {string} text */
function cap(text) {
  return text.length > OUTPUT_LIMIT_CHARS ? text.slice(-OUTPUT_LIMIT_CHARS) : text;
}

/**
 * What to show of a failed command's output.
 * @param {string} output
 */
export function failureExcerpt(output) {
  const lastLines = tail(output, FAILURE_TAIL_LINES);
  const shown = new Set(lastLines.split('\n'));
  const errors = [
    ...new Set(
      output
        .split('\n')
        .filter((line) => /\berror\b|ERR!|\bfailed\b/i.test(line) && !shown.has(line)),
    ),
  ].slice(0, FAILURE_ERROR_LINES);
  const head =
    errors.length > 0 ? `--- lines that look like errors ---\n${errors.join('\n')}\n` : '';
  return `${head}--- last output ---\n${lastLines}`;
}

/**
 * @param {string} text
 * @param {number} lines
 */
export function tail(text, lines) {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}
