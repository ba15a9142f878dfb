/**
 * Checks `Authorization: Bearer <token>`. Returns a message saying what to fix, or `null` when
 * the request may proceed. Messages never repeat the token or the configured key.
 */
export function checkAuthorization(
  header: string | null,
  apiKey: string | undefined,
): string | null {
  const example = 'send "Authorization: Bearer <your API key>"';
  if (header === null) return `Missing Authorization header: ${example}.`;
  if (header.trim() === '') return `The Authorization header is empty: ${example}.`;
  const match = /^\s*bearer(?:\s+(.*))?$/i.exec(header);
  if (!match) return `The Authorization header must use the Bearer scheme: ${example}.`;
  const token = (match[1] ?? '').trim();
  if (token === '') return `The Bearer token is empty: ${example}.`;
  if (apiKey !== undefined && token !== apiKey) {
    return 'The API key was not accepted: this mock was started with a specific key (apiKey / KYY_MOCK_API_KEY); send that key.';
  }
  return null;
}
