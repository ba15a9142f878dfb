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

/**
 * Remembers the last second it formatted: uploads and detail requests format the same few
 * seconds over and over, and this spares a Date and six padded strings per request.
 */
function perSecond(format: (p: string[]) => string): (epochMs: number) => string {
  let lastSecond = Number.NaN;
  let lastText = '';
  return (epochMs) => {
    const second = Math.floor(epochMs / 1000);
    if (second !== lastSecond) {
      lastText = format(parts(epochMs));
      lastSecond = second;
    }
    return lastText;
  };
}

/** `YYYYMMDDhhmmss`, the timestamp inside an asset id. */
export const idTimestamp = perSecond((p) => p.join(''));

/** `YYYY-MM-DD hh:mm:ss`, the detail call's `createTime`. */
export const createTime = perSecond(([y, mo, d, h, mi, s]) => `${y}-${mo}-${d} ${h}:${mi}:${s}`);
