import { createReadStream, existsSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, extname, join } from 'node:path';
import { BASE_PATH } from '@kyyvideo/contract';
import { MEDIA_PATH, SAMPLE_MEDIA } from '@kyyvideo/mock';
import type { Connect, Plugin } from 'vite';

/**
 * The in-browser mock answers a completed task with a `video_url` on the page's own origin. Only
 * the tab's service worker can answer it, so a download, curl or another browser would get the
 * app's HTML: this plugin serves the same sample files at that path from the dev and preview
 * servers, so the URL is fetchable by any client.
 */
export const SAMPLE_MEDIA_PATH = `${BASE_PATH}${MEDIA_PATH}/`;

const CONTENT_TYPES: Record<string, string> = {
  '.mp4': 'video/mp4',
  '.png': 'image/png',
  '.wav': 'audio/wav',
};

/** The files @kyyvideo/mock ships in its media/ folder, the same ones its routes embed. */
export function resolveSampleMediaDir(): string {
  return join(
    dirname(createRequire(import.meta.url).resolve('@kyyvideo/mock/package.json')),
    'media',
  );
}

const SERVED = new Set<string>(Object.values(SAMPLE_MEDIA));

function serve(dir: string): Connect.NextHandleFunction {
  return (req, res: ServerResponse, next) => {
    const path = (req.url ?? '').split('?')[0] ?? '';
    if (!path.startsWith(SAMPLE_MEDIA_PATH) || (req.method !== 'GET' && req.method !== 'HEAD'))
      return next();
    const file = decodeURIComponent(path.slice(SAMPLE_MEDIA_PATH.length));
    const type = CONTENT_TYPES[extname(file)];
    if (!SERVED.has(file) || !type || !existsSync(join(dir, file))) {
      res.statusCode = 404;
      res.setHeader('Content-Type', 'text/plain; charset=utf-8');
      res.end(
        `No sample media ${JSON.stringify(file.slice(0, 60))}: served are ${[...SERVED].join(', ')}.`,
      );
      return;
    }
    res.setHeader('Content-Type', type);
    // Like the mock server's answer: the service's video URLs need no key and no credentials.
    res.setHeader('Access-Control-Allow-Origin', '*');
    if (req.method === 'HEAD') return res.end();
    createReadStream(join(dir, file)).pipe(res);
  };
}

export function sampleMediaPlugin(dir = resolveSampleMediaDir()): Plugin {
  return {
    name: 'kyy-playground:sample-media',
    configureServer(server) {
      server.middlewares.use(serve(dir));
    },
    configurePreviewServer(server) {
      server.middlewares.use(serve(dir));
    },
  };
}
