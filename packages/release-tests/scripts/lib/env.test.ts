import { describe, expect, it } from 'vitest';
import { childEnv } from './env.mjs';

describe('childEnv', () => {
  const base = {
    PATH: '/usr/bin',
    HOME: '/root',
    PNPM_HOME: '/root/.local/share/pnpm',
    npm_config_registry: 'https://mirror.example/',
    npm_config_user_agent: 'pnpm/10',
    NPM_CONFIG_USERCONFIG: '/somewhere/.npmrc',
    npm_package_name: '@kyyvideo/release-tests',
    npm_lifecycle_event: 'test:release',
    INIT_CWD: '/work/main',
    NPM_TOKEN: 'secret-1',
    NODE_AUTH_TOKEN: 'secret-2',
    KYY_API_KEY: 'secret-3',
    KYY_BASE_URL: 'https://real.example/',
    TURBO_HASH: 'abc',
  };

  it('keeps the basics and the registry, drops tool, token and KYY variables', () => {
    const env = childEnv(base);
    expect(env.PATH).toBe('/usr/bin');
    expect(env.HOME).toBe('/root');
    expect(env.PNPM_HOME).toBe('/root/.local/share/pnpm');
    expect(env.npm_config_registry).toBe('https://mirror.example/');
    for (const name of [
      'npm_config_user_agent',
      'NPM_CONFIG_USERCONFIG',
      'npm_package_name',
      'npm_lifecycle_event',
      'INIT_CWD',
      'NPM_TOKEN',
      'NODE_AUTH_TOKEN',
      'KYY_API_KEY',
      'KYY_BASE_URL',
      'TURBO_HASH',
    ]) {
      expect(env, name).not.toHaveProperty(name);
    }
    expect(Object.values(env).join('\n')).not.toMatch(/secret-/);
  });

  it('turns telemetry off and applies extras last', () => {
    const env = childEnv(base, { KYY_API_KEY: 'test-key' });
    expect(env.TURBO_TELEMETRY_DISABLED).toBe('1');
    expect(env.DO_NOT_TRACK).toBe('1');
    expect(env.KYY_API_KEY).toBe('test-key');
  });
});
