import { REFERENCE_VIDEO_RULES } from '@kyyvideo/contract';
import { describe, expect, it } from 'vitest';
import { REFERENCE_VIDEO_RULE_NAMES } from '../options.js';
import { MockUsageError, parseMockCliOptions } from './options.js';

describe('the video task flags', () => {
  it('offer exactly the reference-video rules the contract defines', () => {
    expect([...REFERENCE_VIDEO_RULE_NAMES].sort()).toEqual(
      Object.keys(REFERENCE_VIDEO_RULES).sort(),
    );
  });

  it('become the durations and the reference-video rule of the mock', () => {
    expect(
      parseMockCliOptions(
        { taskQueued: '0', taskProcessing: '250', referenceVideoRule: 'seedanceMirror' },
        {},
      ),
    ).toMatchObject({
      taskQueuedMs: 0,
      taskProcessingMs: 250,
      referenceVideoRule: 'seedanceMirror',
    });
    const settings = parseMockCliOptions({}, {});
    expect(settings).not.toHaveProperty('taskQueuedMs');
    expect(settings).not.toHaveProperty('referenceVideoRule');
    expect(() => parseMockCliOptions({ taskProcessing: '-1' }, {})).toThrow(MockUsageError);
  });
});

describe('the state and store flags', () => {
  it('read --store-limit as a whole number and refuse anything else, naming the flag', () => {
    expect(parseMockCliOptions({ storeLimit: '250' }, {})).toMatchObject({ storeLimit: 250 });
    expect(parseMockCliOptions({}, {})).not.toHaveProperty('storeLimit');
    for (const bad of ['0', '-5', '1e3', 'many']) {
      expect(() => parseMockCliOptions({ storeLimit: bad }, {})).toThrow(/--store-limit/);
    }
  });

  it('take --state-fsync only together with --state', () => {
    expect(parseMockCliOptions({ state: 's.json', stateFsync: true }, {})).toMatchObject({
      stateFile: 's.json',
      stateFsync: true,
    });
    expect(parseMockCliOptions({ state: 's.json' }, {})).not.toHaveProperty('stateFsync');
    expect(() => parseMockCliOptions({ stateFsync: true }, {})).toThrow(
      /--state-fsync works with --state/,
    );
  });
});

describe('the proxy, record and replay flags', () => {
  it('become the server options', () => {
    expect(
      parseMockCliOptions(
        { proxy: 'https://zcbservice.aizfw.cn/kyyReactApiServer', strict: true, record: 'a.har' },
        {},
      ),
    ).toMatchObject({
      proxy: 'https://zcbservice.aizfw.cn/kyyReactApiServer',
      proxyStrict: true,
      recordFile: 'a.har',
    });
    expect(parseMockCliOptions({ replay: 'a.har', replayStrict: true }, {})).toMatchObject({
      replayFile: 'a.har',
      replayStrict: true,
    });
  });

  it('refuse what cannot work, saying what to pass instead', () => {
    const refusals: [Record<string, unknown>, RegExp][] = [
      [{ proxy: 'zcbservice.aizfw.cn' }, /^--proxy: Give an absolute URL/],
      [{ proxy: 'https://user:pw@example.com' }, /^--proxy: Remove the credentials/],
      [{ proxy: 'https://example.com', replay: 'a.har' }, /exclude each other/],
      [{ proxy: 'https://example.com', state: 's.json' }, /--state keeps the mock's own assets/],
      [{ strict: true }, /--strict works with --proxy <url>/],
      [{ replayStrict: true }, /--replay-strict works with --replay <file>/],
      [{ replay: 'a.har', record: 'a.har' }, /--record would overwrite the file --replay reads/],
      [{ record: ' ' }, /--record needs a file path/],
    ];
    for (const [opts, message] of refusals) {
      expect(() => parseMockCliOptions(opts, {}), JSON.stringify(opts)).toThrow(message);
    }
  });
});

describe('--task-concurrency', () => {
  it('becomes the mock option, and is absent (no limit) unless given', () => {
    expect(parseMockCliOptions({ taskConcurrency: '10' }, {})).toMatchObject({
      taskConcurrency: 10,
    });
    expect(parseMockCliOptions({}, {})).not.toHaveProperty('taskConcurrency');
  });

  it('refuses what is not a whole number of at least 1, naming the flag', () => {
    for (const bad of ['0', '-2', '1.5', 'ten']) {
      expect(() => parseMockCliOptions({ taskConcurrency: bad }, {})).toThrow(/--task-concurrency/);
    }
  });
});
