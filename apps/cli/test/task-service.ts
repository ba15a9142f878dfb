import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export const TASK_ID = 'video_fd35ee52-2a98-44a6-b930-29a88ce9b8fd';

export interface TaskService {
  /** The base URL for `kyy --base-url`. */
  url: string;
  /** `METHOD path` of every request, in order. */
  requests: string[];
  close: () => void;
}

/**
 * A video service on a free port whose task completes at once: a create answers queued, every
 * read answers completed with `video_url` = this server's `/v/cat.mp4` + `query`, which `video`
 * serves. It counts what it is sent, so a test can prove that nothing was.
 */
export async function startTaskService(
  video: (res: ServerResponse) => void,
  query = '',
): Promise<TaskService> {
  const requests: string[] = [];
  let origin = '';
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    requests.push(`${req.method} ${req.url}`);
    req.resume();
    req.on('end', () => {
      if (req.url?.startsWith('/v/cat.mp4')) return video(res);
      const created = req.method === 'POST';
      const task = {
        id: TASK_ID,
        object: 'video',
        created: 1774836724,
        model: 'kyyvideo2',
        status: created ? 'queued' : 'completed',
        ...(created ? {} : { video_url: `${origin}/v/cat.mp4${query}` }),
        error: null,
      };
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(task));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: `${origin}/kyyReactApiServer`,
    requests,
    close: () => {
      server.closeAllConnections();
      server.close();
    },
  };
}
