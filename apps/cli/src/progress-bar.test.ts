import { describe, expect, it } from 'vitest';
import { createProgress } from './batch/progress.js';
import { Output } from './output.js';
import { createDownloadBar } from './video/download-bar.js';

const HIDE_CURSOR = '\u001b[?25l';
const SHOW_CURSOR = '\u001b[?25h';

function output(isTTY: boolean, mode = { json: false, quiet: false }) {
  const written: string[] = [];
  const stderr = { write: (s: string) => written.push(s), isTTY, columns: 100 };
  const stdout = { write: () => true, isTTY, columns: 100 };
  return { out: new Output(stdout, stderr, { NO_COLOR: '1' }, mode), text: () => written.join('') };
}

// Both bars come from createProgressBar: the same look and the same terminal hygiene, each with
// its own format.
describe('the progress bars', () => {
  it('the download bar: its format, the cursor hidden while drawn and shown again', async () => {
    const { out, text } = output(true);
    const bar = await createDownloadBar(out);
    bar.onProgress({ receivedBytes: 500_000, totalBytes: 1_000_000 });
    bar.stop();
    expect(text()).toContain(' downloading ');
    expect(text()).toContain('50% | 500.0 kB of 1.0 MB');
    expect(text().indexOf(HIDE_CURSOR)).toBeLessThan(text().lastIndexOf(SHOW_CURSOR));
  });

  it('the batch bar: its format, the same cursor handling', async () => {
    const { out, text } = output(true);
    const progress = await createProgress(out, 2, { ok: 1, failed: 0 });
    progress.stop();
    expect(text()).toContain('1/2 | 1 ok, 0 failed');
    expect(text()).toContain('\u2588'); // the shades_classic filled block both bars use
    expect(text().indexOf(HIDE_CURSOR)).toBeLessThan(text().lastIndexOf(SHOW_CURSOR));
  });

  it('the batch bar is erased before a note and before the summary (issue 21: Ctrl-C garbled it)', async () => {
    const written: string[] = [];
    const stderr = { write: (s: string) => written.push(s), isTTY: true, columns: 100 };
    const stdout = { write: () => true, isTTY: true, columns: 100 };
    const out = new Output(stdout, stderr, { NO_COLOR: '1' }, { json: false, quiet: false });
    const progress = await createProgress(out, 12, { ok: 0, failed: 0 });
    const item = { where: 'line 2', input: { assetType: 'Image' as const, url: 'https://x/a' } };
    for (let i = 0; i < 12; i++)
      progress.finished({ ...item, index: i, status: 'interrupted' }, i + 1);
    progress.note('Ctrl-C: letting the uploads in flight finish');
    progress.stop();
    const ERASE_LINE = '\u001b[2K';
    const note = written.indexOf('Ctrl-C: letting the uploads in flight finish\n');
    expect(note).toBeGreaterThan(0);
    // The note starts on an erased line, not after the bar's text…
    expect(written[note - 1]).toBe(ERASE_LINE);
    // …and so does whatever follows the bar once it stops (the summary).
    expect(written.at(-1)).toBe(ERASE_LINE);
  });

  it('draws nothing off a terminal', async () => {
    const { out, text } = output(false);
    const bar = await createDownloadBar(out);
    bar.onProgress({ receivedBytes: 500_000, totalBytes: 1_000_000 });
    bar.stop();
    expect(text()).toBe('');
  });
});
