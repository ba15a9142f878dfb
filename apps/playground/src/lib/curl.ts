/** Headers whose values are secrets: their value is replaced by a shell variable. */
const SECRET_HEADERS = new Set(['authorization', 'proxy-authorization', 'x-api-key', 'cookie']);

/** Headers the browser or curl sets by itself; repeating them only adds noise. */
const IMPLIED_HEADERS = new Set([
  'accept-encoding',
  'connection',
  'content-length',
  'host',
  'origin',
  'referer',
  'user-agent',
]);

export interface CurlRequest {
  method: string;
  url: string;
  headers: Headers | Iterable<[string, string]> | Record<string, string>;
  body?: string | undefined;
}

export interface CurlOptions {
  /**
   * Shell text that stands for the key, e.g. `$KYY_API_KEY`. It is placed inside double quotes
   * so the shell expands it; the real value is never written into the command.
   */
  keyPlaceholder: string;
}

/** Wraps text in single quotes for a POSIX shell. */
export function shellQuote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

function headerName(name: string): string {
  return name
    .split('-')
    .map((part) => (part === '' ? part : part[0]?.toUpperCase() + part.slice(1)))
    .join('-');
}

function entries(headers: CurlRequest['headers']): [string, string][] {
  if (headers instanceof Headers) return [...headers.entries()];
  if (Symbol.iterator in headers) return [...(headers as Iterable<[string, string]>)];
  return Object.entries(headers);
}

function maskedValue(name: string, value: string, placeholder: string): string {
  // Keep the scheme ("Bearer") so the command stays correct; only the credential is replaced.
  const scheme = name === 'authorization' ? /^(\S+)\s+\S/.exec(value)?.[1] : undefined;
  return scheme ? `${scheme} ${placeholder}` : placeholder;
}

/** The curl command that sends the same request from a terminal, with every secret masked. */
export function buildCurl(request: CurlRequest, options: CurlOptions): string {
  const method = request.method.toUpperCase();
  const parts = [
    method === 'GET'
      ? `curl ${shellQuote(request.url)}`
      : `curl -X ${method} ${shellQuote(request.url)}`,
  ];
  for (const [rawName, value] of entries(request.headers)) {
    const name = rawName.toLowerCase();
    if (IMPLIED_HEADERS.has(name)) continue;
    if (SECRET_HEADERS.has(name)) {
      // Double quotes so the shell expands the placeholder variable.
      parts.push(`-H "${headerName(name)}: ${maskedValue(name, value, options.keyPlaceholder)}"`);
    } else {
      parts.push(`-H ${shellQuote(`${headerName(name)}: ${value}`)}`);
    }
  }
  if (request.body !== undefined && request.body !== '') {
    parts.push(`--data-raw ${shellQuote(request.body)}`);
  }
  return parts.join(' \\\n  ');
}
