import { describe, expect, it } from 'vitest';
import {
  InvalidTransitionError,
  type RowEvent,
  type RowPolicy,
  type RowState,
  start,
  transition,
} from './machine.js';

const video: RowPolicy = { await: true, download: true, retryFailed: false, retryUnknown: false };
const assetNoWait: RowPolicy = { ...video, await: false, download: false };
const assetWait: RowPolicy = { ...video, download: false };
const err = { type: 'KyyServerError', kind: 'server' as const, message: 'boom' };

/** Runs events through the machine from `state`, returning every step. */
function run(state: RowState, events: RowEvent[], policy = video) {
  const steps = [];
  let current = state;
  for (const event of events) {
    const step = transition(current, event, policy);
    steps.push(step);
    current = step.state;
  }
  return steps;
}

describe('a video row, start to finish', () => {
  it('goes new → ready → sending → sent → completed → downloaded, one action at a time', () => {
    const first = start({ phase: 'new' }, video);
    expect(first.action).toEqual({ do: 'prepare' });
    const steps = run(first.state, [
      { type: 'prepared' },
      { type: 'reserved' },
      { type: 'sent', id: 'video_1' },
      { type: 'completed', url: 'https://cdn/v.mp4' },
      { type: 'downloaded', file: 'a.mp4', bytes: 10 },
    ]);
    expect(steps.map((s) => s.state.phase)).toEqual([
      'ready',
      'sending',
      'sent',
      'completed',
      'downloaded',
    ]);
    expect(steps.map((s) => s.action.do)).toEqual(['reserve', 'send', 'poll', 'download', 'stop']);
    expect(steps.at(-1)?.action).toEqual({ do: 'stop', reason: 'done' });
  });

  it('a task that ends failed settles as failed with its id and error', () => {
    const [step] = run({ phase: 'sent', id: 'video_1' }, [{ type: 'failed', error: err }]);
    expect(step?.state).toEqual({ phase: 'failed', id: 'video_1', error: err });
    expect(step?.action).toEqual({ do: 'stop', reason: 'settled', error: err });
  });

  it('a refused send is rejected; an unclear one is unknown and keeps an id it learned', () => {
    expect(
      transition({ phase: 'sending' }, { type: 'send-rejected', error: err }, video).state,
    ).toEqual({ phase: 'rejected', error: err });
    expect(
      transition({ phase: 'sending' }, { type: 'send-unknown', error: err, id: 'video_9' }, video)
        .state,
    ).toEqual({ phase: 'unknown', id: 'video_9', error: err });
  });

  it('a reference that cannot be made ready rejects the row before anything is sent', () => {
    const step = transition({ phase: 'new' }, { type: 'prepare-failed', error: err }, video);
    expect(step.state.phase).toBe('rejected');
    expect(step.action.do).toBe('stop');
  });

  it('the budget pauses a ready row without changing it', () => {
    const ready: RowState = { phase: 'ready' };
    const step = transition(ready, { type: 'budget-reached' }, video);
    expect(step.state).toBe(ready);
    expect(step.action).toEqual({ do: 'stop', reason: 'paused' });
  });

  it('a poll that stops keeps the task id for the next run', () => {
    const sent: RowState = { phase: 'sent', id: 'video_1' };
    const step = transition(sent, { type: 'poll-stopped', error: err }, video);
    expect(step.state).toBe(sent);
    expect(step.action).toEqual({ do: 'stop', reason: 'paused', error: err });
  });

  it('an expired video_url is forgotten, so the next run reads the task again', () => {
    const done: RowState = { phase: 'completed', id: 'video_1', url: 'https://cdn/v.mp4' };
    const expired = transition(done, { type: 'download-failed', error: err, expired: true }, video);
    expect(expired.state).toEqual({ phase: 'completed', id: 'video_1' });
    expect(expired.action.do).toBe('stop');
    const cut = transition(done, { type: 'download-failed', error: err }, video);
    expect(cut.state).toBe(done);
  });

  it('a completed task read without a URL is read again rather than downloaded', () => {
    const step = transition({ phase: 'sent', id: 'v' }, { type: 'completed' }, video);
    expect(step.action).toEqual({ do: 'poll', id: 'v' });
  });
});

describe('asset rows: the same machine without download', () => {
  it('without waiting, an upload with an id is done', () => {
    const [, , sent] = run(
      { phase: 'new' },
      [{ type: 'prepared' }, { type: 'reserved' }, { type: 'sent', id: 'asset-1' }],
      assetNoWait,
    );
    expect(sent?.action).toEqual({ do: 'stop', reason: 'done' });
  });

  it('waiting, it polls until Active (completed, no URL) and is then done', () => {
    const steps = run(
      { phase: 'sending' },
      [{ type: 'sent', id: 'asset-1' }, { type: 'completed' }],
      assetWait,
    );
    expect(steps.map((s) => s.action.do)).toEqual(['poll', 'stop']);
    expect(steps[1]?.state).toEqual({ phase: 'completed', id: 'asset-1' });
  });

  it('a rerun with --wait waits for an upload that was not waited for', () => {
    expect(start({ phase: 'sent', id: 'asset-1' }, assetWait).action).toEqual({
      do: 'poll',
      id: 'asset-1',
    });
    expect(start({ phase: 'sent', id: 'asset-1' }, assetNoWait).action.do).toBe('stop');
  });
});

describe('start: what a rerun does with what an earlier run left', () => {
  it('a row left "sending" (the run died with the request out) becomes unknown, never resent', () => {
    const step = start({ phase: 'sending' }, video);
    expect(step.state.phase).toBe('unknown');
    expect(step.action).toMatchObject({ do: 'stop', reason: 'settled' });
  });

  it('unknown is sent again only with retryUnknown', () => {
    const unknown: RowState = { phase: 'unknown', error: err };
    expect(start(unknown, video)).toEqual({
      state: unknown,
      action: expect.objectContaining({ do: 'stop' }),
    });
    expect(start(unknown, { ...video, retryUnknown: true })).toEqual({
      state: { phase: 'new' },
      action: { do: 'prepare' },
    });
    expect(start({ phase: 'sending' }, { ...video, retryUnknown: true }).action.do).toBe('prepare');
  });

  it('failed is created again only with retryFailed', () => {
    const failed: RowState = { phase: 'failed', id: 'v', error: err };
    expect(start(failed, video).action.do).toBe('stop');
    expect(start(failed, { ...video, retryFailed: true }).action.do).toBe('prepare');
  });

  it('a row left ready is prepared again, then reserved, without a new state', () => {
    const ready: RowState = { phase: 'ready' };
    expect(start(ready, video).action).toEqual({ do: 'prepare' });
    const step = transition(ready, { type: 'prepared' }, video);
    expect(step.state).toBe(ready);
    expect(step.action).toEqual({ do: 'reserve' });
  });

  it('rejected (nothing created) is tried again', () => {
    expect(start({ phase: 'rejected', error: err }, video).action).toEqual({ do: 'prepare' });
  });

  it('a phase no machine wrote (a damaged store) is refused by name, never acted on', () => {
    const damaged = { phase: 'bogus' } as unknown as RowState;
    expect(() => start(damaged, video)).toThrow(InvalidTransitionError);
    expect(() => start(damaged, video)).toThrow('phase "bogus"');
  });

  it('a row with a task id is polled, never created again', () => {
    expect(start({ phase: 'sent', id: 'v' }, video).action).toEqual({ do: 'poll', id: 'v' });
    // Even with its URL known: the URL may have expired since.
    expect(start({ phase: 'completed', id: 'v', url: 'u' }, video).action).toEqual({
      do: 'poll',
      id: 'v',
    });
  });

  it('a downloaded row is verified; a missing or damaged file sends it back to the task', () => {
    const downloaded: RowState = { phase: 'downloaded', id: 'v', file: 'a.mp4', bytes: 3 };
    expect(start(downloaded, video).action).toEqual({ do: 'verify', id: 'v', file: 'a.mp4' });
    expect(transition(downloaded, { type: 'file-valid' }, video)).toEqual({
      state: downloaded,
      action: { do: 'stop', reason: 'done' },
    });
    expect(transition(downloaded, { type: 'file-invalid' }, video)).toEqual({
      state: { phase: 'completed', id: 'v' },
      action: { do: 'poll', id: 'v' },
    });
  });
});

describe('safety: the machine refuses what would lose money or ids', () => {
  const states: RowState[] = [
    { phase: 'new' },
    { phase: 'ready' },
    { phase: 'sending' },
    { phase: 'sent', id: 'v' },
    { phase: 'completed', id: 'v', url: 'u' },
    { phase: 'downloaded', id: 'v', file: 'f', bytes: 1 },
    { phase: 'failed', id: 'v', error: err },
    { phase: 'rejected', error: err },
    { phase: 'unknown', error: err },
  ];

  it('only a ready row can be reserved, and only a reserved (sending) one sent', () => {
    for (const state of states) {
      const reserve = () => transition(state, { type: 'reserved' }, video);
      if (state.phase === 'ready') expect(reserve().action).toEqual({ do: 'send' });
      else expect(reserve).toThrow(InvalidTransitionError);
    }
    const sendActions = states.flatMap((state) =>
      (['prepared', 'reserved'] as const).flatMap((type) => {
        try {
          return [[state.phase, transition(state, { type }, video).action.do]];
        } catch {
          return [];
        }
      }),
    );
    expect(sendActions.filter(([, action]) => action === 'send')).toEqual([['ready', 'send']]);
  });

  it('a row that has an id never goes back to a phase that sends', () => {
    const events: RowEvent[] = [
      { type: 'completed', url: 'u' },
      { type: 'failed', error: err },
      { type: 'poll-stopped' },
      { type: 'downloaded', file: 'f', bytes: 1 },
      { type: 'download-failed', error: err, expired: true },
      { type: 'file-valid' },
      { type: 'file-invalid' },
      { type: 'interrupted' },
    ];
    for (const state of states.filter((s) => 'id' in s)) {
      for (const event of events) {
        let next: RowState;
        try {
          next = transition(state, event, video).state;
        } catch {
          continue;
        }
        expect(['new', 'ready', 'sending']).not.toContain(next.phase);
      }
    }
  });

  it('Ctrl-C pauses any row except one whose request is already out', () => {
    for (const state of states) {
      if (state.phase === 'sending') {
        expect(() => transition(state, { type: 'interrupted' }, video)).toThrow(
          InvalidTransitionError,
        );
      } else {
        expect(transition(state, { type: 'interrupted' }, video)).toEqual({
          state,
          action: { do: 'stop', reason: 'paused' },
        });
      }
    }
  });

  it('final phases take no further events', () => {
    for (const state of states.filter((s) => ['failed', 'rejected', 'unknown'].includes(s.phase))) {
      expect(() => transition(state, { type: 'sent', id: 'x' }, video)).toThrow(
        /cannot take the event "sent"/,
      );
    }
  });
});
