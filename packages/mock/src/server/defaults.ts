/** The port `pnpm mock` and `kyy-mock` use unless told otherwise (matches the contract's MOCK_BASE_URL). */
export const DEFAULT_PORT = 4010;
/** Environment variable that overrides {@link DEFAULT_PORT}. */
export const PORT_ENV = 'KYY_MOCK_PORT';
/** Loopback only by default: the mock has no real auth and should not be reachable from the network. */
export const DEFAULT_HOST = '127.0.0.1';

// Connection limits. Clients of this API send a few hundred bytes at once, so these are generous
// for them and still close connections that send nothing, trickle headers or stall a body.
/** Time allowed to receive a request's headers (also closes connections that never send any). */
export const DEFAULT_HEADERS_TIMEOUT_MS = 10_000;
/** Time allowed to receive a whole request, body included. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
/** How long an idle keep-alive connection stays open between requests. */
export const DEFAULT_KEEP_ALIVE_TIMEOUT_MS = 5_000;
