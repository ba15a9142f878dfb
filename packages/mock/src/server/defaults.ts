/** The port `pnpm mock` and `kyy-mock` use unless told otherwise (matches the contract's MOCK_BASE_URL). */
export const DEFAULT_PORT = 4010;
/** Loopback only by default: the mock has no real auth and should not be reachable from the network. */
export const DEFAULT_HOST = '127.0.0.1';
