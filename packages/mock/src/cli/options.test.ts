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
