/**
 * For end-to-end tests: every subgraph on its own fresh database (in memory, or on the test
 * server) served on a free port, and the real gateway over them, all in this process.
 * Subgraphs can be stopped and started again on the same port, as a crash and a restart.
 */
import { startGateway, type GatewayEnv, type RunningGateway } from '@tepat/gateway';
import { openEngine, refresh, sourceSubgraph, type Build, type Engine, type SourceFiles } from '@tepat/analytics';
import { serveAnalytics, type RunningAnalytics } from '@tepat/analytics-subgraph';
import {
  exportSources,
  fingerprintStatement,
  importFile,
  SUBGRAPH_NAMES,
  serveSubgraph,
  type SubgraphDefinition,
  type SubgraphName,
} from '@tepat/subgraph-kit';
import { startTestSubgraph } from '@tepat/subgraph-kit/testing';
import { loadRegions } from '@tepat/core';
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { finished } from 'node:stream/promises';
import { setTimeout } from 'node:timers/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { subgraphs } from '@tepat/cli/subgraphs';
import { headersWithKey, type Claims } from './tokens.js';

type TestSubgraph = Awaited<ReturnType<typeof startTestSubgraph>>;

/** DATA.md file text from its lines, header first. */
export const csv = (lines: string[]) => lines.join('\n') + '\n';

/** Who a test request is sent as: a role with its claims, and the purpose header; or no token at all. */
export type As = Claims | 'PUBLIC';

/** The default caller of end-to-end tests: an auditor on a stated case, who may read everything but the access log. */
export const AUDITOR_ON_CASE: As = { role: 'AUDITOR', subject: 'test-auditor', purpose: 'test case' };

export interface FederatedHub {
  gateway: RunningGateway;
  /** The gateway's configuration, to start another gateway over the same subgraphs with other limits. */
  gatewayEnv: GatewayEnv;
  /** The key callers' tokens are signed with. */
  jwtSecret: Uint8Array;
  subgraphs: Record<SubgraphName, TestSubgraph>;
  /** HTTP requests each subgraph received since the last reset. */
  requests: Record<SubgraphName, number>;
  /** SQL statements each subgraph's Prisma sent since the last reset. */
  queries: Record<SubgraphName, number>;
  resetCounts(): void;
  /** Sends one operation to the gateway, as `as` (default: an auditor on a case). */
  query<Data = any>(query: string, variables?: Record<string, unknown>, as?: As): Promise<{ data?: Data; errors?: any[] }>;
  /** The headers a request as `as` carries. */
  headersFor(as: As): Promise<Record<string, string>>;
  /** Loads DATA.md files given as text (path -> CSV with header) into their subgraphs. */
  load(files: Record<string, string>): Promise<void>;
  /** Stops a subgraph's HTTP server (its port refuses connections) and starts it again. */
  stop(name: SubgraphName): Promise<void>;
  restart(name: SubgraphName): Promise<void>;
  /** With `analytics: true`: recomputes the analytics build from the subgraphs' databases and serves it. */
  refreshAnalytics(): Promise<Build>;
  /** With `analytics: true`: the ClickHouse engine the analytics subgraph answers from. */
  analyticsEngine(): Engine;
  close(): Promise<void>;
}

/**
 * Listens again on a port this hub let go. While a subgraph was down, the system may have
 * lent its port to a connection of another process on this machine (CI runs two test files
 * at once, and a PostgreSQL client's local port comes from the same range); that connection
 * is short, so the port is asked for again for up to 10 s before the restart fails.
 */
async function onFreedPort<T>(port: number, listen: () => Promise<T>): Promise<T> {
  for (let waited = 0; ; waited += 100) {
    try {
      return await listen();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || waited >= 10_000) throw error;
      await setTimeout(100);
    }
  }
}

/**
 * `analytics: true` also serves the analytics subgraph, on chdb in a temporary directory;
 * `minCell` is its small-cell k for ANALYST (API.md; the service's default when absent).
 */
export async function startFederatedHub(options: { analytics?: boolean; minCell?: number } = {}): Promise<FederatedHub> {
  // One after another: jest's ES module loader loses modules two imports share when they load at once.
  const definitions = {} as Record<SubgraphName, SubgraphDefinition>;
  for (const name of SUBGRAPH_NAMES) definitions[name] = await subgraphs[name]();
  const running = {} as Record<SubgraphName, TestSubgraph>;
  // The hub's two keys, fresh for this hub: callers' tokens, and what the gateway forwards.
  const jwtSecret = randomBytes(32);
  const internalKey = randomBytes(32);
  const keysDir = mkdtempSync(join(tmpdir(), 'tepat-hub-keys-'));
  const requests = Object.fromEntries(SUBGRAPH_NAMES.map((n) => [n, 0])) as Record<SubgraphName, number>;
  const queries = { ...requests };
  const stopped = new Map<SubgraphName, Awaited<ReturnType<typeof serveSubgraph>>>();
  const count = (name: SubgraphName, server: TestSubgraph['server']) => server.on('request', () => requests[name]++);
  for (const name of SUBGRAPH_NAMES) {
    running[name] = await startTestSubgraph(definitions[name], new Uint8Array(internalKey));
    count(name, running[name].server);
    running[name].instance.onQuery(() => queries[name]++);
  }
  const analytics = options.analytics ? await startAnalytics(definitions, running, internalKey, options.minCell) : undefined;
  const gatewayEnv: GatewayEnv = {
    host: '127.0.0.1',
    port: 0,
    subgraphUrls: {
      ...(Object.fromEntries(SUBGRAPH_NAMES.map((n) => [n, running[n].url])) as Record<SubgraphName, string>),
      // Without analytics, its fields fail as a subgraph that is down would.
      analytics: analytics?.service.url ?? 'http://127.0.0.1:9/graphql',
    },
    // Every subgraph, PGlite and the gateway share this one process's event loop, beside another
    // test file on two cores: a source that is merely slow here must not read as down.
    subgraphTimeoutMs: 30_000,
    eligibilityTimeoutMs: 60_000,
    auth: { dataDir: keysDir, jwtSecret: jwtSecret.toString('base64url'), internalKey: internalKey.toString('base64url') },
    introspection: false,
    rateLimits: { publicPerMinute: 10_000, callerPerMinute: 1_000_000, publicWorkflowPerMinute: 10_000 },
    maxRequestBytes: 1024 * 1024,
    responseCacheBytes: 64 * 1024 * 1024,
  };
  const gateway = await startGateway(gatewayEnv);
  const headersFor = async (as: As): Promise<Record<string, string>> =>
    as === 'PUBLIC' ? { 'content-type': 'application/json' } : headersWithKey(new Uint8Array(jwtSecret), as);
  // Eligibility reads its facts through this gateway.
  process.env.TEPAT_GATEWAY_URL = gateway.url;
  const regions = await loadRegions();

  return {
    gateway,
    gatewayEnv,
    jwtSecret: new Uint8Array(jwtSecret),
    subgraphs: running,
    requests,
    queries,
    resetCounts() {
      for (const name of SUBGRAPH_NAMES) requests[name] = queries[name] = 0;
    },
    headersFor,
    async query(query, variables, as = AUDITOR_ON_CASE) {
      const res = await fetch(gateway.url, {
        method: 'POST',
        headers: await headersFor(as),
        body: JSON.stringify({ query, variables }),
      });
      return res.json() as never;
    },
    async load(files) {
      for (const [path, csv] of Object.entries(files)) {
        const definition = Object.values(definitions).find((d) => d.imports.some((t) => t.file.path === path))!;
        const target = definition.imports.find((t) => t.file.path === path)!;
        const problems: string[] = [];
        const summary = await importFile(running[definition.name].db.sql, target, Readable.from([csv]), {
          allowPartial: false,
          regions,
          onReject: (r) => problems.push(`${path} line ${r.line} ${r.column}: ${r.reason}`),
        });
        if (!summary.committed) throw new Error(`Fixture ${path} was rejected:\n${problems.join('\n')}`);
      }
    },
    async stop(name) {
      await new Promise<void>((resolve) => {
        running[name].server.close(() => resolve());
        running[name].server.closeAllConnections();
      });
    },
    async restart(name) {
      const { db, port } = running[name];
      const again = await onFreedPort(port, () =>
        serveSubgraph(definitions[name], db, { host: '127.0.0.1', port }, { internalKey: new Uint8Array(internalKey) }),
      );
      count(name, again.server);
      stopped.set(name, again);
      running[name] = { ...running[name], server: again.server };
    },
    async refreshAnalytics() {
      if (!analytics) throw new Error('Start the hub with { analytics: true } to refresh analytics.');
      const build = await refresh(analytics.service.engine, { sources: analytics.sources });
      analytics.service.served.switchTo(build);
      return build;
    },
    analyticsEngine() {
      if (!analytics) throw new Error('Start the hub with { analytics: true } to read its engine.');
      return analytics.service.engine;
    },
    async close() {
      await gateway.close();
      if (analytics) await analytics.close();
      for (const s of stopped.values()) await s.close();
      for (const name of SUBGRAPH_NAMES) await running[name].close().catch(() => {});
      rmSync(keysDir, { recursive: true, force: true });
    },
  };
}

/** The analytics service over a fresh chdb directory, refreshing from the test subgraphs' databases. */
async function startAnalytics(
  definitions: Record<SubgraphName, SubgraphDefinition>,
  running: Record<SubgraphName, TestSubgraph>,
  internalKey: Uint8Array,
  minCell: number | undefined,
): Promise<{ service: RunningAnalytics; sources: SourceFiles; close(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'tepat-hub-analytics-'));
  const engine = await openEngine({ dir });
  const service = await serveAnalytics({ engine, listen: { host: '127.0.0.1', port: 0 }, internalKey: new Uint8Array(internalKey), minCell });
  const sources: SourceFiles = {
    describe: () => 'the test subgraphs',
    async fingerprint(path) {
      const name = sourceSubgraph(path);
      const source = exportSources(definitions[name]).find((s) => s.path === path)!;
      const [row] = await running[name].db.sql.query<{ fingerprint: string }>(fingerprintStatement(source));
      return row!.fingerprint;
    },
    async file(path, scratch) {
      const name = sourceSubgraph(path);
      const source = exportSources(definitions[name]).find((s) => s.path === path)!;
      const file = join(scratch, path.replace('/', '-'));
      const out = createWriteStream(file);
      await running[name].db.sql.copyOut(source.select, out);
      out.end();
      await finished(out);
      return file;
    },
  };
  return {
    service,
    sources,
    async close() {
      await service.close();
      await engine.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
