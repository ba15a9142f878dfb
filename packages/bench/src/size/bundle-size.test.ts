import { describe, expect, it } from 'vitest';
import { packageOfInput } from './bundle-size.js';

describe('packageOfInput', () => {
  it('names plain and scoped packages, using the innermost node_modules', () => {
    expect(
      packageOfInput('../../node_modules/.pnpm/zod@3.25.76/node_modules/zod/lib/index.mjs'),
    ).toBe('zod');
    expect(
      packageOfInput('node_modules/.pnpm/x/node_modules/@kyyvideo/contract/dist/index.js'),
    ).toBe('@kyyvideo/contract');
  });

  it('names workspace packages reached through their symlinks by their published name', () => {
    expect(packageOfInput('packages/client/dist/index.js')).toBe('@kyyvideo/client');
    expect(packageOfInput('packages/bench/dist/zero-dep/tiny-client.js')).toBe('@kyyvideo/bench');
  });

  it('calls anything else own code', () => {
    expect(packageOfInput('<stdin>')).toBe('(own code)');
  });
});
