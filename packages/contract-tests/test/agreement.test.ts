/**
 * One corpus of upload inputs, fed to every consumer of the contract's upload rules: the client's
 * upload, the mock server's upload handler, the CLI's flag check and manifest-row check, and the
 * playground's form. Each input must be accepted by all of them or refused by all of them
 * (a rule is written once, in the contract, and every consumer calls it). The CLI and the playground are private apps, so their checks are imported from
 * source; what is tested is the code that runs, not a copy of it.
 */
import { createKyyClient, KyyInputError } from '@kyyvideo/client';
import { EXAMPLE_URL, MAX_NAME_LENGTH, MAX_URL_LENGTH } from '@kyyvideo/contract';
import { type RunningMockServer, startMockServer } from '@kyyvideo/mock/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseManifest } from '../../../apps/cli/src/batch/manifest.js';
import { uploadInput } from '../../../apps/cli/src/commands/upload.js';
import { UsageError } from '../../../apps/cli/src/errors.js';
import { validateUpload as validateForm } from '../../../apps/playground/src/lib/validation.js';

const KEY = 'agreement-test-key-0123456789';
const ID = 'asset-20260330142158-q75m8';

type Verdict = 'accepted' | 'refused';

/** Text inputs: what a person can type into a flag, a manifest cell or a form field. */
interface TextInput {
  assetType: string;
  url: string;
  name?: string;
}

const ok = (assetType: string, url: string, name?: string): TextInput =>
  name === undefined ? { assetType, url } : { assetType, url, name };

const ACCEPTED: Array<[string, TextInput]> = [
  ['the documentation example', ok('Image', EXAMPLE_URL, 'Cat Image')],
  ['a video over http, no name', ok('Video', 'http://example.com/clip-720p.mp4')],
  ['audio with query and fragment', ok('Audio', 'https://cdn.example.com/a.mp3?sig=a%2Fb&x=1#t')],
  ['a document with an encoded space', ok('Document', 'https://example.com/my%20brief.pdf')],
  ['a port and a non-ASCII path', ok('Image', 'https://example.com:8443/猫.png')],
  ['an IP address host', ok('Image', 'http://93.184.216.34/cat.png')],
  [
    'a URL exactly at the limit',
    ok('Image', `https://example.com/${'a'.repeat(MAX_URL_LENGTH - 20)}`),
  ],
  ['a name exactly at the limit', ok('Image', EXAMPLE_URL, 'n'.repeat(MAX_NAME_LENGTH))],
  ['a non-ASCII name with a tab inside', ok('Image', EXAMPLE_URL, '猫の画像\tfirst frame')],
  ['a name with spaces around it (kept as given)', ok('Image', EXAMPLE_URL, '  Cat Image  ')],
];

const REFUSED: Array<[string, TextInput]> = [
  ['the type in lower case', ok('image', EXAMPLE_URL)],
  ['the type in upper case', ok('IMAGE', EXAMPLE_URL)],
  ['the type with a space', ok(' Image', EXAMPLE_URL)],
  ['an unknown type', ok('Picture', EXAMPLE_URL)],
  ['an empty type', ok('', EXAMPLE_URL)],
  ['a URL with a space', ok('Image', 'https://example.com/my cat.jpg')],
  ['a URL with a leading space', ok('Image', ` ${EXAMPLE_URL}`)],
  ['a URL with a trailing newline', ok('Image', `${EXAMPLE_URL}\n`)],
  ['a tab inside the scheme', ok('Image', 'ht\ttps://example.com/cat.jpg')],
  ['raw CR/LF inside the URL', ok('Image', 'https://example.com/a.png\r\nX-Injected: 1')],
  ['a NUL inside the URL', ok('Image', 'https://example.com/\u0000.png')],
  ['a zero-width space inside the URL', ok('Image', 'https://example.com/\u200bcat.png')],
  ['https: without slashes', ok('Image', 'https:example.com/cat.jpg')],
  ['https: with one slash', ok('Image', 'https:/example.com/cat.jpg')],
  ['no scheme', ok('Image', 'example.com/cat.jpg')],
  ['a relative path', ok('Image', '/cat.jpg')],
  ['an empty URL', ok('Image', '')],
  ['a scheme without a host', ok('Image', 'http://')],
  ['ftp', ok('Image', 'ftp://example.com/cat.jpg')],
  ['file', ok('Image', 'file:///etc/passwd')],
  ['javascript', ok('Image', 'javascript:alert(1)')],
  ['a data: URL', ok('Image', 'data:image/png;base64,AAAA')],
  [
    'a URL one over the limit',
    ok('Image', `https://example.com/${'a'.repeat(MAX_URL_LENGTH - 19)}`),
  ],
  ['a 900 KB URL', ok('Image', `https://example.com/${'a'.repeat(900 * 1024)}`)],
  ['a name one over the limit', ok('Image', EXAMPLE_URL, 'n'.repeat(MAX_NAME_LENGTH + 1))],
  ['a 1 MiB name', ok('Image', EXAMPLE_URL, 'n'.repeat(1024 * 1024))],
  ['a name of spaces only', ok('Image', EXAMPLE_URL, '   ')],
  ['a name of a tab and a line break only', ok('Image', EXAMPLE_URL, '\t\n')],
];

let mockServer: RunningMockServer;
beforeAll(async () => {
  mockServer = await startMockServer({ port: 0, host: '127.0.0.1', apiKey: KEY });
});
afterAll(async () => {
  await mockServer?.close();
});

/** The client's upload, with a fetch that answers success and counts what was sent. */
async function client(input: unknown): Promise<Verdict> {
  let sent = 0;
  const kyy = createKyyClient({
    apiKey: KEY,
    baseUrl: 'https://agreement.invalid/kyyReactApiServer',
    fetch: async () => {
      sent += 1;
      return Response.json({ code: 0, msg: null, data: { assetId: ID } });
    },
  });
  try {
    await kyy.assets.upload(input as Parameters<typeof kyy.assets.upload>[0]);
    expect(sent).toBe(1);
    return 'accepted';
  } catch (error) {
    expect(error).toBeInstanceOf(KyyInputError);
    expect(sent).toBe(0);
    return 'refused';
  }
}

/** The mock server's upload handler, over HTTP: accepted means it created an asset (code 0). */
async function mock(input: unknown): Promise<Verdict> {
  const response = await fetch(`${mockServer.url}/kyyVideo2/asset/upload`, {
    method: 'POST',
    headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify(input),
  });
  const text = await response.text();
  const body = (() => {
    try {
      return JSON.parse(text) as { code?: unknown };
    } catch {
      return {};
    }
  })();
  return response.status === 200 && body.code === 0 ? 'accepted' : 'refused';
}

/** kyy assets upload --type … --url … [--name …]: the command's own flag check. */
function cliFlags(input: TextInput): Verdict {
  try {
    const name = input.name === undefined ? {} : { name: input.name };
    uploadInput({ type: input.assetType, url: input.url, ...name, timeout: 300 });
    return 'accepted';
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return 'refused';
  }
}

/** One row of a kyy assets batch manifest (JSON, so any character survives). */
function cliManifest(input: TextInput): Verdict {
  const row = {
    type: input.assetType,
    url: input.url,
    ...(input.name !== undefined && { name: input.name }),
  };
  try {
    expect(parseManifest(JSON.stringify([row]), 'm.json')).toHaveLength(1);
    return 'accepted';
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return 'refused';
  }
}

/** The playground's upload form. */
function playground(input: TextInput): Verdict {
  const values = { assetType: input.assetType, url: input.url, name: input.name ?? '' };
  return validateForm(values, 'browser-mock').ok ? 'accepted' : 'refused';
}

async function verdicts(input: TextInput) {
  return {
    client: await client(input),
    mock: await mock(input),
    cliFlags: cliFlags(input),
    cliManifest: cliManifest(input),
    playground: playground(input),
  };
}

const all = (verdict: Verdict) => ({
  client: verdict,
  mock: verdict,
  cliFlags: verdict,
  cliManifest: verdict,
  playground: verdict,
});

describe('every consumer agrees on every upload input', () => {
  it.each(ACCEPTED)('accepted by all: %s', async (_, input) => {
    expect(await verdicts(input)).toEqual(all('accepted'));
  });

  it.each(REFUSED)('refused by all: %s', async (_, input) => {
    expect(await verdicts(input)).toEqual(all('refused'));
  });

  // An empty name is a value only where a value can be typed as such: the client, the mock and
  // `--name ""` refuse it (leave the name out instead). An empty manifest cell or form field is
  // how those inputs leave the name out, so there it means "no name" and the upload goes ahead.
  it('an empty name: refused as a value, "not given" as an empty cell or field', async () => {
    expect(await verdicts(ok('Image', EXAMPLE_URL, ''))).toEqual({
      client: 'refused',
      mock: 'refused',
      cliFlags: 'refused',
      cliManifest: 'accepted',
      playground: 'accepted',
    });
  });

  // Values no text field can produce: only the programmatic consumers take them.
  it.each([
    ['a number as the type', { assetType: 3, url: EXAMPLE_URL }],
    ['a number as the URL', { assetType: 'Image', url: 42 }],
    ['no URL at all', { assetType: 'Image' }],
    ['a number as the name', { assetType: 'Image', url: EXAMPLE_URL, name: 5 }],
    ['null as the name', { assetType: 'Image', url: EXAMPLE_URL, name: null }],
    ['an array instead of an object', [{ assetType: 'Image', url: EXAMPLE_URL }]],
  ])('refused by the client and the mock: %s', async (_, input) => {
    expect({ client: await client(input), mock: await mock(input) }).toEqual({
      client: 'refused',
      mock: 'refused',
    });
  });
});
