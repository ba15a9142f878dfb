/**
 * Is an answer a video file? A CDN error page or an expired link often comes back as 200 with an
 * HTML or JSON body, which saved as `.mp4` looks like success until someone plays it. Decided
 * from the Content-Type before the body is read, then from the first bytes.
 */

/** Types that are text, never a video (a CDN's HTML error page, an API's JSON answer). */
const TEXT_TYPE =
  /^\s*(?:text\/|application\/(?:json|xml|xhtml|javascript|problem)|[a-z]+\/[^;\s]*\+(?:json|xml))/i;

/** The Content-Type, when it says the body is not a video. */
export function textTypeOf(contentType: string | null): string | undefined {
  return contentType !== null && TEXT_TYPE.test(contentType) ? contentType : undefined;
}

/** Bytes enough to recognise the formats below. */
export const SNIFF_BYTES = 8;

// ISO base media (MP4, MOV): a box header, a 4-byte size then the type; files start with `ftyp`,
// and a few writers put `moov`, `mdat`, `free`, `skip` or `wide` first.
const MP4_FIRST_BOXES = new Set(['ftyp', 'moov', 'mdat', 'free', 'skip', 'wide']);
// Matroska / WebM: the EBML magic number.
const EBML = [0x1a, 0x45, 0xdf, 0xa3];

/** True when `head` (the first {@link SNIFF_BYTES} bytes, or all of a shorter body) starts a video. */
export function startsLikeVideo(head: Uint8Array): boolean {
  if (head.length >= 8) {
    const box = String.fromCharCode(head[4] ?? 0, head[5] ?? 0, head[6] ?? 0, head[7] ?? 0);
    if (MP4_FIRST_BOXES.has(box)) return true;
  }
  return head.length >= 4 && EBML.every((byte, i) => head[i] === byte);
}
