import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Output } from '../output.js';
import { createStatusLine } from './status-line.js';

const ID = 'video_fd35ee52-2a98-44a6-b930-29a88ce9b8fd';

function terminal() {
  const written: string[] = [];
  const stream = { write: (s: string) => written.push(s) > 0, isTTY: true, columns: 120 };
  const out = new Output(stream, stream, { NO_COLOR: '1' }, { json: false, quiet: false });
  return { out, last: () => written.at(-1) ?? '' };
}

describe('the live status line', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('says how long ago the status shown was read, so a stale "queued" reads as stale', () => {
    const { out, last } = terminal();
    const line = createStatusLine(out);
    line.update({ id: ID, status: 'queued', model: 'kyyvideo2' });
    expect(last()).toContain(`${ID} queued · 0:00 elapsed · checked 0:00 ago`);
    vi.advanceTimersByTime(37_000);
    expect(last()).toContain('queued · 0:37 elapsed · checked 0:37 ago');
    line.update({ id: ID, status: 'completed', model: 'kyyvideo2' });
    expect(last()).toContain('completed · 0:37 elapsed · checked 0:00 ago');
    line.stop();
  });
});
