/** Why a fetched link is not the file it claims to be. */
export class NotAFileError extends Error {}

/**
 * Fetches `url` and hands the bytes to the browser as a download named `filename`. A plain
 * `<a download>` cannot do this: across origins browsers ignore the hint and navigate away (the
 * page's state is lost), and on the page's own origin the tab's service worker never sees a
 * download, so the dev server's HTML was saved instead of the video.
 */
export async function saveUrlAs(url: string, filename: string, fetchFn = fetch): Promise<void> {
  const response = await fetchFn(url);
  if (!response.ok) throw new NotAFileError(`the link answered HTTP ${response.status}`);
  if (/^text\/html\b/i.test(response.headers.get('content-type') ?? ''))
    throw new NotAFileError('the link answered with a web page, not the video');
  const blob = await response.blob();
  const objectUrl = URL.createObjectURL(blob);
  const anchor = document.createElement('a');
  anchor.href = objectUrl;
  anchor.download = filename;
  anchor.click();
  // The download reads the blob after this turn; release it once it surely has.
  setTimeout(() => URL.revokeObjectURL(objectUrl), BLOB_LIFETIME_MS);
}

const BLOB_LIFETIME_MS = 60_000;
