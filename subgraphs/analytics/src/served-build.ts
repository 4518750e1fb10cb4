/**
 * The analytics build this service answers from. A refresh in this process switches at
 * once; one made by another process (a ClickHouse server shared by several) is noticed
 * within a few seconds, since the pointer is read again after that long.
 */
import { currentBuild, MetricReader, PublishedCounts, PublishedMetrics, PublishedSimulations, Simulator, type Build, type Engine } from '@tepat/analytics';
import { ErrorCode, type Regions } from '@tepat/core';
import { GraphQLError } from 'graphql';
import type { IncomingMessage, ServerResponse } from 'node:http';

const RECHECK_MS = 5_000;

export interface Served {
  build: Build;
  metrics: MetricReader;
  simulator: Simulator;
  /** The metrics and simulations as published at a caller's small-cell threshold. */
  published: PublishedMetrics;
  simulations: PublishedSimulations;
  /** Case figures and data-quality counts as published at a caller's small-cell threshold. */
  counts: PublishedCounts;
}

export class ServedBuild {
  private served?: Promise<Served | null>;
  private readAt = 0;

  constructor(
    readonly engine: Engine,
    readonly regions: Regions,
  ) {}

  /** The build being served, or null before the first refresh. */
  async current(): Promise<Served | null> {
    if (!this.served || Date.now() - this.readAt > RECHECK_MS) {
      this.readAt = Date.now();
      const previous = this.served;
      this.served = currentBuild(this.engine).then(async (build) => {
        if (!build) return null;
        const before = await previous?.catch(() => null);
        // The same build keeps its reader, and with it what the reader has cached.
        if (before?.build.database === build.database) return before;
        return this.serve(build);
      });
      this.served.catch(() => (this.served = undefined));
    }
    return this.served;
  }

  /** The served build, or an error that says how to make one. */
  async require(): Promise<Served> {
    const served = await this.current();
    if (!served) {
      throw new GraphQLError('Analytics has no build yet: run `npx tepat analytics refresh`.', {
        extensions: { code: ErrorCode.ANALYTICS_NOT_BUILT },
      });
    }
    return served;
  }

  /** Serves a build made in this process from the next request on. */
  switchTo(build: Build): void {
    this.readAt = Date.now();
    this.served = Promise.resolve(this.serve(build));
  }

  /** A build's readers: they keep what they read while the build is served. */
  private serve(build: Build): Served {
    const metrics = new MetricReader(this.engine, build.database, this.regions);
    const simulator = new Simulator(this.engine, build.database, this.regions, metrics);
    const published = new PublishedMetrics(metrics);
    const counts = new PublishedCounts(this.engine, build, metrics, this.regions);
    return { build, metrics, simulator, published, simulations: new PublishedSimulations(simulator, published), counts };
  }
}

/**
 * `GET /build` (ANALYTICS_BUILD_PATH): `{"build": "<database>"}`, or `{"build": null}` before the first refresh. As
 * fresh as the answers: what `current()` serves. Open like /ready: a build's name is no secret.
 */
export function buildHandler(served: ServedBuild) {
  return async (req: IncomingMessage, res: ServerResponse) => {
    req.resume();
    const current = await served.current();
    res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(JSON.stringify({ build: current?.build.database ?? null }));
  };
}
