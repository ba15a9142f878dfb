import type { Route } from './core/route-table.js';
import { type CoreResponse, headerOf } from './core/types.js';
import { EMBEDDED_MEDIA } from './generated/media.js';

/** Where the sample media live, under the base path (public: no key needed, like a CDN link). */
export const MEDIA_PATH = '/mock-media';

/** The sample files the mock serves (see media/README.md). */
export const SAMPLE_MEDIA = Object.freeze({
  /** A completed task's video: H.264 MP4, 320x180, 2 s. */
  video: 'sample-video.mp4',
  /** A reference video of the documented 480p class: H.264 MP4, 854x480, 2 s. */
  referenceVideo: 'reference-video-480p.mp4',
  /** A frame image: PNG, 640x360. */
  image: 'sample-image.png',
  /** Reference audio: WAV, 1 s. */
  audio: 'sample-audio.wav',
});

/** The absolute URL of a sample file on a mock reached at `origin`. */
export function mediaUrl(origin: string, basePath: string, file: string): string {
  return `${origin}${basePath}${MEDIA_PATH}/${file}`;
}

// Decoded on first request only, so importing the mock costs no decoding.
const decoded = new Map<string, Uint8Array>();
function bytesOf(file: string, base64: string): Uint8Array {
  let bytes = decoded.get(file);
  if (!bytes) {
    bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    decoded.set(file, bytes);
  }
  return bytes;
}

const notFound = (file: string): CoreResponse => ({
  status: 404,
  headers: { 'content-type': 'text/plain; charset=utf-8' },
  body: `No sample media ${JSON.stringify(file.slice(0, 60))}: the mock serves ${Object.keys(EMBEDDED_MEDIA).join(', ')}.`,
});

/**
 * The part of `bytes` a `Range: bytes=…` header asks for (RFC 9110): `N-`, `N-M` or the suffix
 * `-N`. Several ranges, other units or a malformed header are ignored (the whole file, 200), as
 * servers may; a start past the end is unsatisfiable (416). Lets a client resume a cut download.
 */
export function rangeOf(
  header: string | null,
  size: number,
): { start: number; end: number } | 'unsatisfiable' | undefined {
  const match = header === null ? null : /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return undefined;
  const [, first = '', last = ''] = match;
  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  if (start >= size) return 'unsatisfiable';
  if (end < start) return undefined;
  return { start, end };
}

/** GET of the sample media, without a key (the service's video URLs need none either). */
export function mediaRoutes(): Route[] {
  return [
    {
      method: 'GET',
      path: `${MEDIA_PATH}/{file}`,
      public: true,
      handle(request, { file = '' }) {
        const media = Object.hasOwn(EMBEDDED_MEDIA, file) ? EMBEDDED_MEDIA[file] : undefined;
        if (!media) return notFound(file);
        const bytes = bytesOf(file, media.base64);
        const headers = {
          'content-type': media.type,
          'cache-control': 'public, max-age=86400',
          'accept-ranges': 'bytes',
        };
        const range = rangeOf(headerOf(request, 'range'), bytes.length);
        if (range === 'unsatisfiable') {
          return {
            status: 416,
            headers: { ...headers, 'content-range': `bytes */${bytes.length}` },
            body: '',
          };
        }
        if (range === undefined) return { status: 200, headers, body: bytes };
        return {
          status: 206,
          headers: {
            ...headers,
            'content-range': `bytes ${range.start}-${range.end}/${bytes.length}`,
          },
          body: bytes.subarray(range.start, range.end + 1),
        };
      },
    },
  ];
}
