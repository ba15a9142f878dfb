import {
  type CreateVideoTaskRequest,
  KyyAbortError,
  KyyError,
  KyyVideoFailedError,
} from '@kyyvideo/client';
import { useReducer, useRef } from 'react';
import { type TargetKind, videoPollIntervalMs } from '../lib/targets.js';
import { videoRunReducer } from '../state/video-run.js';
import type { Perform } from './use-call-runner.js';

/** The one video task the page follows: create it, wait for it, stop or resume the wait. */
export function useVideoActions(
  perform: Perform,
  reportStatus: (callId: number, status: string) => void,
  target: TargetKind,
) {
  const [videoRun, dispatchVideo] = useReducer(videoRunReducer, undefined);
  const videoAbort = useRef<AbortController | undefined>(undefined);

  const waitForVideo = async (taskId: string) => {
    const controller = new AbortController();
    videoAbort.current?.abort();
    videoAbort.current = controller;
    dispatchVideo({ type: 'waiting' });
    const intervalMs = videoPollIntervalMs(target);
    const outcome = await perform('video-wait', { taskId }, (client, id) =>
      client.videos.waitUntilDone(taskId, {
        signal: controller.signal,
        ...(intervalMs === undefined ? {} : { intervalMs }),
        onStatus: (task) => {
          reportStatus(id, task.status);
          dispatchVideo({ type: 'task', task });
        },
      }),
    );
    if (videoAbort.current === controller) videoAbort.current = undefined;
    if (!outcome) return dispatchVideo({ type: 'stopped' });
    if (outcome.ok) return dispatchVideo({ type: 'task', task: outcome.value });
    if (outcome.cause instanceof KyyVideoFailedError) {
      dispatchVideo({ type: 'task', task: outcome.cause.task });
    }
    if (outcome.cause instanceof KyyAbortError) return dispatchVideo({ type: 'stopped' });
    dispatchVideo({ type: 'error', error: outcome.error });
  };

  const generateVideo = async (body: CreateVideoTaskRequest) => {
    videoAbort.current?.abort();
    dispatchVideo({ type: 'creating' });
    const outcome = await perform(
      'video-create',
      {},
      (client) => client.videos.create(body),
      (task) => ({ taskId: task.id, statuses: [task.status] }),
    );
    if (!outcome) return dispatchVideo({ type: 'clear' });
    if (!outcome.ok) {
      // An unclear create may still have named a task: keep its id so it can be waited for.
      const taskId = outcome.cause instanceof KyyError ? outcome.cause.taskId : undefined;
      return dispatchVideo({ type: 'error', error: outcome.error, ...(taskId ? { taskId } : {}) });
    }
    dispatchVideo({ type: 'task', task: outcome.value });
    await waitForVideo(outcome.value.id);
  };

  const stopVideoWait = () => videoAbort.current?.abort();

  return { videoRun, generateVideo, waitForVideo, stopVideoWait };
}
