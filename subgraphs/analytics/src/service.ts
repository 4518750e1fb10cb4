/** Runs the analytics subgraph: the engine, the served build, GraphQL, and /refresh. */
import { DEFAULT_MIN_CELL, openEngine, type Engine, type SourceFiles } from '@tepat/analytics';
import { FORWARDED_CALLER_HEADER, internalKey, MAY, verifyForwardedCaller } from '@tepat/auth';
import { loadRegions } from '@tepat/core';
import { ANALYTICS_BUILD_PATH, announceService, createApollo, newServiceToken, readHubEnv, serveHttp, type RunningHttpServer } from '@tepat/subgraph-kit';
import { mkdirSync } from 'node:fs';
import type { Context } from './context.js';
import { engineTarget, readAnalyticsEnv } from './env.js';
import { refreshHandler, REFRESH_PATH } from './refresh-endpoint.js';
import { schema } from './schema/index.js';
import { buildHandler, ServedBuild } from './served-build.js';

export interface RunningAnalytics extends RunningHttpServer {
  engine: Engine;
  served: ServedBuild;
}

/** Serves analytics over an open engine (tests use this with port 0). */
export async function serveAnalytics(options: {
  engine: Engine;
  listen: { host: string; port: number };
  /** Verifies the caller the gateway forwards; requests without it are refused. */
  internalKey: Uint8Array;
  /** Where refreshes read the sources, and the token /refresh takes; no /refresh without them. */
  refresh?: { sources: SourceFiles; token: string; scratchDir?: string };
  /** API.md, Small cells: k for ANALYST (DEFAULT_MIN_CELL when absent). */
  minCell?: number;
}): Promise<RunningAnalytics> {
  const { engine, minCell = DEFAULT_MIN_CELL } = options;
  const served = new ServedBuild(engine, await loadRegions());
  const apollo = createApollo<Context>(schema);
  await apollo.start();
  const http = await serveHttp({
    apollo,
    authenticate: (req) => verifyForwardedCaller(req.headers[FORWARDED_CALLER_HEADER], options.internalKey),
    context: (_req, caller) => ({ caller, analytics: served, minCell: MAY.seeSmallCells.includes(caller.role) ? 0 : minCell }),
    ready: async () => (await engine.query('SELECT 1 AS ok')).length === 1,
    routes: {
      [ANALYTICS_BUILD_PATH]: buildHandler(served),
      ...(options.refresh ? { [REFRESH_PATH]: refreshHandler({ engine, served, ...options.refresh }) } : {}),
    },
    // A refresh streams its progress through one request for as long as it runs.
    requestTimeoutMs: options.refresh ? 0 : undefined,
    ...options.listen,
  });
  return {
    ...http,
    engine,
    served,
    async close() {
      await http.close();
      await apollo.stop();
    },
  };
}

/** `tepat serve analytics`: the service from its environment, refreshing from `sources`. */
export async function runAnalyticsService(sources: SourceFiles, env = process.env): Promise<RunningAnalytics> {
  const config = readAnalyticsEnv(env);
  const target = engineTarget(config);
  const engine = await openEngine(target);
  try {
    const token = newServiceToken();
    const running = await serveAnalytics({
      engine,
      listen: { host: config.host, port: config.port },
      internalKey: internalKey(readHubEnv(env).auth),
      refresh: { sources, token, scratchDir: config.dir },
      minCell: config.minCell,
    });
    // Other processes on this machine find the service (and its token) next to the engine's data.
    mkdirSync(config.dir, { recursive: true });
    const withdraw = announceService(config.dir, { url: `http://${config.host}:${running.port}`, serviceToken: token });
    return {
      ...running,
      async close() {
        withdraw();
        await running.close();
        await engine.close();
      },
    };
  } catch (error) {
    await engine.close();
    throw error;
  }
}
