// Child processes get a clean environment: none of the npm/pnpm/turbo variables of the script
// that runs this test (they would point npm at the wrong config or project), no registry tokens
// (a publish must never be able to reach a real registry) and no KYY_* settings (a real API key
// or base URL in the developer's shell must not reach the test's mock traffic).

const DROPPED_PREFIXES = [
  'npm_config_',
  'npm_package_',
  'npm_lifecycle_',
  'pnpm_',
  'kyy_',
  'turbo_',
];
const DROPPED_NAMES = new Set([
  'npm_execpath',
  'npm_node_execpath',
  'npm_command',
  'init_cwd',
  'npm_token',
  'node_auth_token',
]);
// Kept: where pnpm lives, and the machine's registry and cache (a mirror configured through the
// environment must keep working; only the @kyyvideo scope is ever pointed at Verdaccio).
const KEPT_NAMES = new Set(['pnpm_home', 'npm_config_registry', 'npm_config_cache']);

/**
 * @param {NodeJS.ProcessEnv} base
 * @param {Record<string, string>} [extra]
 * @returns {NodeJS.ProcessEnv}
 */
export function childEnv(base, extra = {}) {
  /** @type {NodeJS.ProcessEnv} */
  const env = {};
  for (const [name, value] of Object.entries(base)) {
    const lower = name.toLowerCase();
    if (value === undefined) continue;
    if (!KEPT_NAMES.has(lower)) {
      if (DROPPED_NAMES.has(lower)) continue;
      if (DROPPED_PREFIXES.some((prefix) => lower.startsWith(prefix))) continue;
    }
    env[name] = value;
  }
  // Plain text: output is parsed (URLs, JSON) and shown in logs, never on a terminal.
  delete env.FORCE_COLOR;
  env.NO_COLOR = '1';
  env.TURBO_TELEMETRY_DISABLED = '1';
  env.DO_NOT_TRACK = '1';
  env.NO_UPDATE_NOTIFIER = '1';
  env.npm_config_update_notifier = 'false';
  env.npm_config_fund = 'false';
  env.npm_config_audit = 'false';
  return { ...env, ...extra };
}
