// The release workflow cannot run here, so its wiring is checked statically: it must call root
// scripts that exist, sign with provenance, and use the permissions changesets/action needs.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = join(import.meta.dirname, '..', '..', '..');
const workflow = parse(readFileSync(join(root, '.github', 'workflows', 'release.yml'), 'utf8'));
const scripts: Record<string, string> = JSON.parse(
  readFileSync(join(root, 'package.json'), 'utf8'),
).scripts;

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, unknown>;
}
const jobs: Record<
  string,
  { steps: Step[]; permissions?: Record<string, string>; needs?: string }
> = workflow.jobs;
const allSteps = Object.values(jobs).flatMap((job) => job.steps);
const changesetsStep = jobs.release?.steps.find((step) =>
  step.uses?.startsWith('changesets/action@'),
);

/** Root scripts named by `pnpm <script>` / `pnpm run <script>` in a command line. */
function scriptsCalled(command: string) {
  const builtins = new Set(['install', 'exec', 'publish', 'add']);
  return [...command.matchAll(/\bpnpm (?:run )?([\w:-]+)/g)]
    .map((match) => match[1] as string)
    .filter((name) => !builtins.has(name));
}

describe('release workflow', () => {
  it('only calls root scripts that exist', () => {
    const commands = [
      ...allSteps.map((step) => step.run ?? ''),
      String(changesetsStep?.with?.version ?? ''),
      String(changesetsStep?.with?.publish ?? ''),
    ];
    const called = commands.flatMap(scriptsCalled);
    expect(called).toEqual(expect.arrayContaining(['version-packages', 'release', 'test:release']));
    for (const name of called) expect(scripts, `root script "${name}"`).toHaveProperty(name);
  });

  it('versions with version-packages and publishes with release, after the checks pass', () => {
    expect(changesetsStep?.with).toMatchObject({
      version: 'pnpm run version-packages',
      publish: 'pnpm run release',
    });
    expect(jobs.release?.needs).toBe('verify');
    expect(jobs.verify?.steps.map((step) => step.run)).toContain('pnpm test:release');
  });

  it('publishes with provenance and a token, with the permissions that needs', () => {
    expect(changesetsStep?.env).toMatchObject({ NPM_CONFIG_PROVENANCE: 'true' });
    expect(String(changesetsStep?.env?.NPM_TOKEN)).toMatch(/secrets\.NPM_TOKEN/);
    expect(jobs.release?.permissions).toMatchObject({
      'id-token': 'write',
      contents: 'write',
      'pull-requests': 'write',
    });
    // Everything else runs with no token permissions at all.
    expect(workflow.permissions).toEqual({});
  });

  it('the root scripts version, refresh the lockfile, check packages and publish', () => {
    expect(scripts['version-packages']).toMatch(/changeset version.*&&.*pnpm install/);
    expect(scripts.release).toMatch(/build/);
    expect(scripts.release).toMatch(/check:package/);
    expect(scripts.release).toMatch(/&& changeset publish$/);
  });
});
