import { buildMock, type Mock } from './mock-parts.js';
import { mswHandlers } from './msw-adapter.js';
import type { MockOptions } from './options.js';

export type { Mock } from './mock-parts.js';

/** A self-contained mock of the API: state, scenarios and the msw handlers serving them. */
export function createMock(options?: MockOptions): Mock {
  return buildMock(options, mswHandlers).mock;
}
