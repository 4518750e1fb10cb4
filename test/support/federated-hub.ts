/**
 * For end-to-end tests: every subgraph on its own fresh database (in memory, or on the test
 * server) served on a free port, and the real gateway over them, all in this process.
 * Subgraphs can be stopped and started again on the same port, as a crash and a restart.
 */
import { startGateway, type RunningGateway } from '@tepat/gateway';
import { importFile, SUBGRAPH_NAMES, serveSubgraph, type SubgraphDefinition, type SubgraphName } from '@tepat/subgraph-kit';
import { startTestSubgraph } from '@tepat/subgraph-kit/testing';
import { loadRegions } from '@tepat/core';
import { Readable } from 'node:stream';
import { subgraphs } from '../../packages/cli/src/subgraphs.js';

type TestSubgraph = Awaited<ReturnType<typeof startTestSubgraph>>;

export interface FederatedHub {
  gateway: RunningGateway;
  subgraphs: Record<SubgraphName, TestSubgraph>;
  /** HTTP requests each subgraph received since the last reset. */
  requests: Record<SubgraphName, number>;
  /** SQL statements each subgraph's Prisma sent since the last reset. */
  queries: Record<SubgraphName, number>;
  resetCounts(): void;
  /** Sends one operation to the gateway. */
  query<Data = any>(query: string, variables?: Record<string, unknown>): Promise<{ data?: Data; errors?: any[] }>;
  /** Loads DATA.md files given as text (path -> CSV with header) into their subgraphs. */
  load(files: Record<string, string>): Promise<void>;
  /** Stops a subgraph's HTTP server (its port refuses connections) and starts it again. */
  stop(name: SubgraphName): Promise<void>;
  restart(name: SubgraphName): Promise<void>;
  close(): Promise<void>;
}

export async function startFederatedHub(): Promise<FederatedHub> {
  const definitions = Object.fromEntries(
    await Promise.all(SUBGRAPH_NAMES.map(async (name) => [name, await subgraphs[name]()] as const)),
  ) as Record<SubgraphName, SubgraphDefinition>;
  const running = {} as Record<SubgraphName, TestSubgraph>;
  const requests = Object.fromEntries(SUBGRAPH_NAMES.map((n) => [n, 0])) as Record<SubgraphName, number>;
  const queries = { ...requests };
  const stopped = new Map<SubgraphName, Awaited<ReturnType<typeof serveSubgraph>>>();
  const count = (name: SubgraphName, server: TestSubgraph['server']) => server.on('request', () => requests[name]++);
  for (const name of SUBGRAPH_NAMES) {
    running[name] = await startTestSubgraph(definitions[name]);
    count(name, running[name].server);
    running[name].instance.onQuery(() => queries[name]++);
  }
  const gateway = await startGateway({
    host: '127.0.0.1',
    port: 0,
    subgraphUrls: Object.fromEntries(SUBGRAPH_NAMES.map((n) => [n, running[n].url])) as Record<SubgraphName, string>,
    subgraphTimeoutMs: 10_000,
    eligibilityTimeoutMs: 60_000,
  });
  // Eligibility reads its facts through this gateway.
  process.env.TEPAT_GATEWAY_URL = gateway.url;
  const regions = await loadRegions();

  return {
    gateway,
    subgraphs: running,
    requests,
    queries,
    resetCounts() {
      for (const name of SUBGRAPH_NAMES) requests[name] = queries[name] = 0;
    },
    async query(query, variables) {
      const res = await fetch(gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
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
      const again = await serveSubgraph(definitions[name], db, { host: '127.0.0.1', port });
      count(name, again.server);
      stopped.set(name, again);
      running[name] = { ...running[name], server: again.server };
    },
    async close() {
      await gateway.close();
      for (const s of stopped.values()) await s.close();
      for (const name of SUBGRAPH_NAMES) await running[name].close().catch(() => {});
    },
  };
}
