import type { VideoTask } from '@kyyvideo/client';
import { describe, expect, it } from 'vitest';
import type { ErrorText } from '../lib/error-text.js';
import { videoRunReducer } from './video-run.js';

const ID = 'video_fd35ee52-2a98-44a6-b930-29a88ce9b8fd';
const task = (status: VideoTask['status'], patch: Partial<VideoTask> = {}): VideoTask => ({
  id: ID,
  object: 'video',
  created: 1774836724,
  model: 'kyyvideo2_fast',
  status,
  video_url: null,
  error: null,
  ...patch,
});
const ERROR: ErrorText = { kind: 'KyyAbortError', title: 't', next: 'n', detail: 'd' };

describe('videoRunReducer', () => {
  it('follows a task from create to completed, collapsing repeated statuses', () => {
    let run = videoRunReducer(undefined, { type: 'creating' });
    expect(run).toEqual({ phase: 'creating', statuses: [] });
    run = videoRunReducer(run, { type: 'task', task: task('queued') });
    run = videoRunReducer(run, { type: 'waiting' });
    for (const status of ['queued', 'processing', 'processing'] as const) {
      run = videoRunReducer(run, { type: 'task', task: task(status) });
    }
    expect(run?.phase).toBe('waiting');
    const done = task('completed', { video_url: 'https://cdn.example.com/v.mp4' });
    run = videoRunReducer(run, { type: 'task', task: done });
    expect(run).toEqual({
      phase: 'completed',
      taskId: ID,
      task: done,
      statuses: ['queued', 'processing', 'completed'],
    });
  });

  it('keeps a failed task final when the wait then reports its error', () => {
    let run = videoRunReducer(undefined, { type: 'task', task: task('failed', { error: 'x' }) });
    run = videoRunReducer(run, { type: 'error', error: ERROR });
    expect(run?.phase).toBe('failed');
    expect(run?.error).toBe(ERROR);
  });

  it('keeps the id an unclear create named, so the task can still be waited for', () => {
    let run = videoRunReducer(undefined, { type: 'creating' });
    run = videoRunReducer(run, { type: 'error', error: ERROR, taskId: ID });
    expect(run).toMatchObject({ phase: 'error', taskId: ID });
    run = videoRunReducer(run, { type: 'waiting' });
    expect(run).toEqual({ phase: 'waiting', taskId: ID, statuses: [] });
  });

  it('is emptied when nothing was sent after all', () => {
    const run = videoRunReducer(undefined, { type: 'creating' });
    expect(videoRunReducer(run, { type: 'clear' })).toBeUndefined();
  });
});
