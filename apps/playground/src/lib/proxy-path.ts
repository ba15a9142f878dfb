/**
 * Same-origin path that the playground's dev/preview server forwards to the real service.
 * Shared by the page (which calls it) and the server config (which forwards it).
 */
export const REAL_SERVICE_PROXY_PATH = '/proxy/real-service';
