// The service runs in China and its documented sample id and createTime agree with each other
// (asset-20260330142158 ↔ 2026-03-30 14:21:58). The docs do not name a time zone; the mock
// formats both in China Standard Time (UTC+8, no daylight saving) so that output does not
// depend on the machine's zone. Mock's choice.
const SERVICE_UTC_OFFSET_MS = 8 * 60 * 60 * 1000;

function parts(epochMs: number): string[] {
  const d = new Date(epochMs + SERVICE_UTC_OFFSET_MS);
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return [
    pad(d.getUTCFullYear(), 4),
    pad(d.getUTCMonth() + 1),
    pad(d.getUTCDate()),
    pad(d.getUTCHours()),
    pad(d.getUTCMinutes()),
    pad(d.getUTCSeconds()),
  ];
}

/** `YYYYMMDDhhmmss`, the timestamp inside an asset id. */
export function idTimestamp(epochMs: number): string {
  return parts(epochMs).join('');
}

// Detail requests format the same few seconds over and over; one remembered answer avoids
// building a Date and six padded strings per request.
let lastSecond = Number.NaN;
let lastText = '';

/** `YYYY-MM-DD hh:mm:ss`, the detail call's `createTime`. */
export function createTime(epochMs: number): string {
  const second = Math.floor(epochMs / 1000);
  if (second === lastSecond) return lastText;
  const [y, mo, d, h, mi, s] = parts(epochMs);
  lastSecond = second;
  lastText = `${y}-${mo}-${d} ${h}:${mi}:${s}`;
  return lastText;
}
