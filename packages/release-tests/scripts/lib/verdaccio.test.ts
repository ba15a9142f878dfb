import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  installManifest,
  renderConfig,
  VERDACCIO_VERSION,
  verdaccioInstallDir,
} from './verdaccio.mjs';

describe('Verdaccio config', () => {
  const config = parse(
    renderConfig({ storageDir: '/tmp/x y/storage', htpasswdFile: "/tmp/it's/htpasswd" }),
  );

  it('has no uplinks and no proxy, so nothing leaves the machine', () => {
    expect(config.uplinks).toEqual({});
    for (const rule of Object.values(config.packages) as Record<string, unknown>[]) {
      expect(rule).not.toHaveProperty('proxy');
    }
  });

  it('lets anyone publish and keeps storage where it was told, even with odd paths', () => {
    expect(config.packages['**']).toMatchObject({ access: '$all', publish: '$all' });
    expect(config.storage).toBe('/tmp/x y/storage');
    expect(config.auth.htpasswd.file).toBe("/tmp/it's/htpasswd");
  });
});

describe('Verdaccio install', () => {
  it('pins the exact version with the Node 20 override, in a versioned cache dir', () => {
    expect(installManifest().dependencies.verdaccio).toMatch(/^\d+\.\d+\.\d+$/);
    expect(installManifest().overrides['verdaccio-audit']['node-fetch']).toBe('2.7.0');
    expect(verdaccioInstallDir('/cache')).toBe(`/cache/verdaccio-${VERDACCIO_VERSION}`);
  });
});
