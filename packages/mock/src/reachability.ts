/**
 * True when the service would fail to download `url`. The mock cannot fetch anything, so it
 * treats the reserved `.invalid` top-level domain (RFC 2606), and any configured host with its
 * subdomains, as unreachable.
 */
export function isUnreachable(url: string, extraHosts: readonly string[]): boolean {
  const host = new URL(url).hostname.toLowerCase().replace(/\.$/, '');
  if (host === 'invalid' || host.endsWith('.invalid')) return true;
  return extraHosts.some((h) => host === h || host.endsWith(`.${h}`));
}
