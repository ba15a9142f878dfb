import type { Asset, UploadAssetRequest } from '@kyyvideo/contract';

/**
 * The hand-written, zero-dependency equivalent of the client's three calls: what a careful
 * developer writes without any library. It is the size floor in the bundle comparison and a
 * second baseline in the overhead comparison. Type imports are erased, so it bundles to only
 * this file. It checks the envelope but not every field, and has no retries or review polling.
 */
export class TinyKyyError extends Error {
  override name = 'TinyKyyError';
  constructor(
    message: string,
    readonly code?: number | string,
    readonly httpStatus?: number,
  ) {
    super(message);
  }
}

export interface TinyClientOptions {
  apiKey: string;
  baseUrl: string;
  fetch?: typeof fetch;
}

interface Envelope {
  code: number | string;
  msg: string | null;
  data: unknown;
}

export function createTinyClient(options: TinyClientOptions) {
  const doFetch = options.fetch ?? fetch;
  const base = options.baseUrl.replace(/\/+$/, '');

  async function call(method: string, path: string, body?: unknown): Promise<Envelope> {
    const response = await doFetch(`${base}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${options.apiKey}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const envelope = (await response.json().catch(() => null)) as Envelope | null;
    if (!envelope || typeof envelope !== 'object' || !('code' in envelope)) {
      throw new TinyKyyError(
        `unexpected response (HTTP ${response.status})`,
        undefined,
        response.status,
      );
    }
    // Upload and detail answer the number 0, delete the string "0".
    if (String(envelope.code) !== '0') {
      throw new TinyKyyError(
        envelope.msg ?? `failed with code ${envelope.code}`,
        envelope.code,
        response.status,
      );
    }
    return envelope;
  }

  const assetPath = (assetId: string) => `/kyyVideo2/asset/${encodeURIComponent(assetId)}`;

  return {
    async upload(input: UploadAssetRequest): Promise<{ assetId: string; ref: string }> {
      const { data } = await call('POST', '/kyyVideo2/asset/upload', input);
      const assetId = (data as { assetId?: unknown } | null)?.assetId;
      if (typeof assetId !== 'string') throw new TinyKyyError('upload answered without an assetId');
      return { assetId, ref: `asset://${assetId}` };
    },
    async get(assetId: string): Promise<Asset> {
      const { data } = await call('GET', assetPath(assetId));
      if (!data || typeof data !== 'object') throw new TinyKyyError('detail answered without data');
      return data as Asset;
    },
    async delete(assetId: string): Promise<void> {
      await call('DELETE', assetPath(assetId));
    },
  };
}
