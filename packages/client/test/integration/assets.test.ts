import { checkUpload } from '@kyyvideo/contract';
import { DEFAULT_REVIEW_DELAY_MS } from '@kyyvideo/mock/node';
import { describe, expect, it } from 'vitest';
import {
  KyyAuthenticationError,
  KyyInputError,
  KyyNotFoundError,
  KyyUrlUnreachableError,
} from '../../src/errors.js';
import { runTimers, useMock } from './support.js';

const { mock, client, uploadsSent } = useMock();
// Created before the mock starts listening: the client must look fetch up per call, not capture it.
const early = client();
const IMAGE = { assetType: 'Image' as const, url: 'https://example.com/cat.jpg', name: 'Cat' };

describe('against the mock', () => {
  it('uploads, reads, and deletes an asset', async () => {
    const kyy = client();
    const { assetId, ref } = await kyy.assets.upload(IMAGE);
    expect(ref).toBe(`asset://${assetId}`);
    expect(mock.store.has(assetId)).toBe(true);

    const fresh = await kyy.assets.get(assetId);
    expect(fresh).toMatchObject({ assetId, status: 'Processing', assetType: 'Image', name: 'Cat' });
    await runTimers(DEFAULT_REVIEW_DELAY_MS);
    expect((await kyy.assets.get(assetId)).status).toBe('Active');

    expect(await kyy.assets.delete(assetId)).toEqual({ assetId, alreadyGone: false });
    expect(mock.store.has(assetId)).toBe(false);
    await expect(kyy.assets.get(assetId)).rejects.toBeInstanceOf(KyyNotFoundError);
    await expect(kyy.assets.delete(assetId)).rejects.toBeInstanceOf(KyyNotFoundError);
  });

  it('uses the fetch in place at call time, so a client made before msw started still reaches it', async () => {
    const { assetId } = await early.assets.upload(IMAGE);
    expect(mock.store.has(assetId)).toBe(true);
  });

  it('maps an unreachable URL to KyyUrlUnreachableError (code 1001), creating nothing', async () => {
    const error = await client()
      .assets.upload({ assetType: 'Video', url: 'https://files.example.invalid/clip.mp4' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KyyUrlUnreachableError);
    expect(error).toMatchObject({ code: 1001, operation: 'upload', httpStatus: 200 });
    expect(mock.store.size).toBe(0);
  });

  it('maps a rejected key to KyyAuthenticationError', async () => {
    const kyy = client({ apiKey: 'wrong-key' });
    const error = await kyy.assets.upload(IMAGE).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KyyAuthenticationError);
    expect(error).toMatchObject({ httpStatus: 401 });
    expect((error as Error).message).toMatch(/KYY_API_KEY/);
    await expect(kyy.assets.get('asset-20260330142158-q75m8')).rejects.toBeInstanceOf(
      KyyAuthenticationError,
    );
    expect(mock.requests()).toHaveLength(2);
  });

  it('checks input before the network', async () => {
    const kyy = client();
    await expect(
      kyy.assets.upload({ assetType: 'image' as 'Image', url: 'https://example.com/a.png' }),
    ).rejects.toThrow(/did you mean 'Image'\?/);
    await expect(kyy.assets.upload({ assetType: 'Image', url: 'cat.jpg' })).rejects.toBeInstanceOf(
      KyyInputError,
    );
    await expect(kyy.assets.upload({ ...IMAGE, name: 'n'.repeat(256) })).rejects.toBeInstanceOf(
      KyyInputError,
    );
    await expect(kyy.assets.get('')).rejects.toBeInstanceOf(KyyInputError);
    await expect(kyy.assets.delete('..')).rejects.toBeInstanceOf(KyyInputError);
    await expect(kyy.assets.waitUntilActive(' ')).rejects.toBeInstanceOf(KyyInputError);
    expect(mock.requests()).toHaveLength(0);
  });

  it("an upload's input error carries the problems checkUpload finds in it", async () => {
    const bad = { assetType: 'Picture', url: 'ftp://example.com/a.png' };
    const error = await client()
      .assets.upload(bad as never)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KyyInputError);
    expect((error as KyyInputError).problems).toEqual(checkUpload(bad));
    expect((error as KyyInputError).problems).toHaveLength(2);
    expect(mock.requests()).toHaveLength(0);
  });

  it('never lets a hostile id reach a path: only the documented shape is sent', async () => {
    const kyy = client();
    await kyy.assets.upload(IMAGE);
    for (const id of [
      '../upload',
      '../../kyyVideo2/asset/upload',
      'x?assetId=1',
      'a/b#c',
      '%2e%2e',
    ]) {
      await expect(kyy.assets.get(id)).rejects.toBeInstanceOf(KyyInputError);
      await expect(kyy.assets.delete(id)).rejects.toBeInstanceOf(KyyInputError);
    }
    const paths = mock.requests().map((r) => `${r.method} ${r.path}`);
    expect(paths).toHaveLength(1);
    expect(paths[0]).toMatch(/^POST /);
    expect(mock.store.size).toBe(1);
    expect(uploadsSent()).toBe(1);
  });

  it('takes an asset:// reference wherever it takes an id', async () => {
    const kyy = client();
    const { assetId, ref } = await kyy.assets.upload(IMAGE);
    expect((await kyy.assets.get(ref)).assetId).toBe(assetId);
    await runTimers(DEFAULT_REVIEW_DELAY_MS);
    expect((await kyy.assets.waitUntilActive(ref)).status).toBe('Active');
    expect(await kyy.assets.delete(ref)).toEqual({ assetId, alreadyGone: false });
    const paths = mock.requests().map((r) => `${r.method} ${r.path}`);
    expect(paths.slice(1).every((p) => p.endsWith(`/asset/${assetId}`))).toBe(true);
  });

  it('accepts the mock answers with validation off as well', async () => {
    const kyy = client({ validate: 'off' });
    const { assetId } = await kyy.assets.upload(IMAGE);
    expect((await kyy.assets.get(assetId)).assetId).toBe(assetId);
    expect((await kyy.assets.delete(assetId)).alreadyGone).toBe(false);
  });
});
