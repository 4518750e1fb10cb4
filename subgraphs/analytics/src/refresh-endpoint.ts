/**
 * Refreshing through the service that owns the engine. chdb lets one process hold a data
 * directory (shared/notes/clickhouse-embedded.md), so while the hub runs, `tepat analytics
 * refresh` asks the analytics service to refresh and relays its progress: JSON lines of
 * progress, then the build or the error. The token is the one in the service's
 * service.json, readable only by whoever could read the data directory anyway.
 */
import { refresh, type Build, type Engine, type SourceFiles } from '@tepat/analytics';
import type { ServiceFile } from '@tepat/subgraph-kit';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import type { ServedBuild } from './served-build.js';

export const REFRESH_PATH = '/refresh';

type RefreshEvent = { type: 'progress'; message: string } | { type: 'done'; build: Build } | { type: 'error'; message: string };

/** `POST /refresh[?full=true]`: one refresh at a time; a second caller is told one is running. */
export function refreshHandler(options: { engine: Engine; served: ServedBuild; sources: SourceFiles; token: string; scratchDir?: string }) {
  let running = false;
  return async (req: IncomingMessage, res: ServerResponse) => {
    req.resume();
    if (req.method !== 'POST' || req.headers.authorization !== `Bearer ${options.token}`) {
      res.writeHead(403, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: 'Refreshes need POST and the token in this service’s service.json.' }));
      return;
    }
    if (running) {
      res.writeHead(409, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: 'A refresh is already running; the current build stays served until it finishes.' }));
      return;
    }
    running = true;
    res.writeHead(200, { 'content-type': 'application/x-ndjson' });
    const send = (event: RefreshEvent) => res.write(JSON.stringify(event) + '\n');
    try {
      const full = new URL(req.url ?? '/', 'http://localhost').searchParams.get('full') === 'true';
      const build = await refresh(options.engine, {
        sources: options.sources,
        full,
        scratchDir: options.scratchDir,
        onProgress: (message) => send({ type: 'progress', message }),
      });
      options.served.switchTo(build);
      send({ type: 'done', build });
    } catch (error) {
      send({ type: 'error', message: (error as Error).message });
    } finally {
      running = false;
      res.end();
    }
  };
}

/** The client side: asks the running service to refresh; resolves with the build it serves. */
export async function refreshThroughService(
  service: ServiceFile,
  onProgress: (message: string) => void,
  options: { full?: boolean } = {},
): Promise<Build> {
  const response = await fetch(`${service.url}${REFRESH_PATH}?full=${options.full === true}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${service.serviceToken}` },
  });
  if (!response.ok || !response.body) {
    throw new Error(`The analytics service at ${service.url} refused the refresh (${response.status}): ${await response.text()}`);
  }
  for await (const line of createInterface({ input: Readable.fromWeb(response.body as never) })) {
    const event = JSON.parse(line) as RefreshEvent;
    if (event.type === 'progress') onProgress(event.message);
    else if (event.type === 'error') throw new Error(event.message);
    else return event.build;
  }
  throw new Error(`The analytics service at ${service.url} stopped before the refresh finished; the previous build stays served.`);
}
