/**
 * Tools only the benchmarks need. They are installed into a cache directory by the benchmark
 * itself (see install-peers.ts), never into the workspace, so `pnpm install` stays lean.
 */
export const PEER_VERSIONS = {
  // Later 5.x releases need Node 24; 5.14.2 is the newest that runs on Node 20.
  '@stoplight/prism-cli': '5.14.2',
  autocannon: '^9.0.0',
  // Same range as packages/client's own devDependency, so bundle sizes match what it ships.
  esbuild: '^0.28.2',
} as const;

export type PeerName = keyof typeof PEER_VERSIONS;
