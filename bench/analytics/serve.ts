/**
 * A child's serving: the analytics subgraph and the gateway (@tepat/gateway in-process) over
 * the build; first where one answer's time goes, then serving until the parent has loaded it.
 */
import { MetricReader, type Engine, type refresh } from '@tepat/analytics';
import { serveAnalytics } from '@tepat/analytics-subgraph';
import { FORWARDED_CALLER_HEADER, issueToken, signForwardedCaller } from '@tepat/auth';
import { startGateway, type GatewayEnv } from '@tepat/gateway';
import type { Manifest } from '@tepat/generator';
import { SUPERGRAPH_NAMES, type SupergraphMember } from '@tepat/subgraph-kit';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { oneDecimal as ms1 } from '../support/format.js';
import { quantile } from '../support/quantile.js';
import { printTable } from '../support/table.js';
import { send } from './child.js';
import { CONNECTIONS } from './options.js';
import { METRIC_QUERIES, type ProgramMonth } from './queries.js';

/** High enough that the gateway's rate limits never refuse the load. */
const RATE_LIMIT_OFF = 100_000_000;
/** Requests timed one at a time on each path, after 3 warm-ups; and rounds of 16 reader calls at once. */
const SEQUENTIAL = 20;
const PARALLEL_ROUNDS = 3;

export interface Breakdown {
  name: string;
  /** p50 ms, one request at a time. */
  reader: number;
  subgraph: number;
  /** Through the gateway as it runs: answers kept per build (gateway/src/answer-cache.ts). */
  gateway: number;
  /** Through a gateway that keeps no answers: every request parsed, shaped and serialised again. */
  gatewayNotKept: number;
  /** Wall ms of 16 reader calls at once (median of the rounds). */
  sixteenAtOnce: number;
}

export interface Serving {
  url: string;
  headers: Record<string, string>;
  programs: string[];
  periods: string[];
}

/**
 * The analytics subgraph and the gateway over this engine: first where one answer's time goes
 * (the served metric reader alone, the subgraph over HTTP, the gateway), then serving until the
 * parent has measured them under load.
 */
export async function serveUntilDone(engine: Engine, build: Awaited<ReturnType<typeof refresh>>, manifest: Manifest, withBreakdown: boolean): Promise<Breakdown[]> {
  const jwtSecret = randomBytes(32);
  const internalKey = randomBytes(32);
  const keysDir = mkdtempSync(join(tmpdir(), 'tepat-bench-analytics-keys-'));
  const analytics = await serveAnalytics({ engine, listen: { host: '127.0.0.1', port: 0 }, internalKey: new Uint8Array(internalKey) });
  analytics.served.switchTo(build);
  const env: GatewayEnv = {
    host: '127.0.0.1',
    port: 0,
    subgraphUrls: {
      // Only analytics is needed; the others fail as a subgraph that is down would (port 9 is closed).
      ...(Object.fromEntries(SUPERGRAPH_NAMES.map((name) => [name, 'http://127.0.0.1:9/graphql'])) as Record<SupergraphMember, string>),
      analytics: analytics.url,
    },
    subgraphTimeoutMs: 10_000,
    eligibilityTimeoutMs: 60_000,
    auth: { dataDir: keysDir, jwtSecret: jwtSecret.toString('base64url'), internalKey: internalKey.toString('base64url') },
    introspection: false,
    rateLimits: { publicPerMinute: RATE_LIMIT_OFF, callerPerMinute: RATE_LIMIT_OFF, publicWorkflowPerMinute: RATE_LIMIT_OFF },
    maxRequestBytes: 1024 * 1024,
    responseCacheBytes: 64 * 1024 * 1024,
  };
  const gateway = await startGateway(env);
  const gatewayNotKept = await startGateway({ ...env, responseCacheBytes: 0 });
  try {
    const token = await issueToken({ role: 'ANALYST', subject: 'bench-analytics', ttl: '4h' }, new Uint8Array(jwtSecret));
    const caller = { role: 'ANALYST' as const, subject: 'bench-analytics' };
    const paths = {
      subgraph: { url: analytics.url, headers: { [FORWARDED_CALLER_HEADER]: await signForwardedCaller(caller, new Uint8Array(internalKey)) } },
      gateway: { url: gateway.url, headers: { authorization: `Bearer ${token}` } },
      gatewayNotKept: { url: gatewayNotKept.url, headers: { authorization: `Bearer ${token}` } },
    };
    const { metrics } = await analytics.served.require();
    const breakdown = withBreakdown ? await whereTimeGoes(metrics, paths, manifest) : [];
    const done = new Promise<void>((resolve) => process.once('message', () => resolve()));
    await send({
      kind: 'serving',
      serving: { url: gateway.url, headers: { authorization: `Bearer ${token}` }, programs: Object.keys(manifest.programs), periods: manifest.periods },
    });
    await done;
    return breakdown;
  } finally {
    await gateway.close();
    await gatewayNotKept.close();
    await analytics.close();
    rmSync(keysDir, { recursive: true, force: true });
  }
}

async function postOk(path: { url: string; headers: Record<string, string> }, query: (typeof METRIC_QUERIES)[number], variables: ProgramMonth) {
  const res = await fetch(path.url, { method: 'POST', headers: { 'content-type': 'application/json', ...path.headers }, body: JSON.stringify({ query: query.query, variables }) });
  const text = await res.text();
  if (res.status !== 200 || text.includes('"errors"') || !text.includes(`"${query.field}"`)) throw new Error(`${query.name} at ${path.url}: ${res.status} ${text.slice(0, 400)}`);
  return text;
}

/** p50 and 16-at-once figures per metric query, on each path in turn; printed here, returned for the summary. */
async function whereTimeGoes(
  metrics: MetricReader,
  paths: Record<'subgraph' | 'gateway' | 'gatewayNotKept', { url: string; headers: Record<string, string> }>,
  manifest: Manifest,
): Promise<Breakdown[]> {
  const combos = Object.keys(manifest.programs).flatMap((program) => manifest.periods.map((period) => ({ program, period })));
  const p50 = async (call: (args: ProgramMonth) => Promise<unknown>) => {
    for (let i = 0; i < 3; i++) await call(combos[i % combos.length]!);
    const times: number[] = [];
    for (let i = 0; i < SEQUENTIAL; i++) {
      const started = performance.now();
      await call(combos[i % combos.length]!);
      times.push(performance.now() - started);
    }
    return quantile(times.sort((a, b) => a - b), 0.5);
  };
  // The reader keeps each programme-month's rows once read (metrics.ts): the first answer
  // of one reads them from chdb, later ones do not. First answers, one at a time, in order:
  const firsts: number[] = [];
  for (const combo of combos.slice(0, 8)) {
    const started = performance.now();
    await metrics.targetingAccuracy(combo);
    firsts.push(performance.now() - started);
  }
  console.log(
    `\n  first answer of a programme and month (its rows read from chdb), targetingAccuracy, ${firsts.length} of them: ` +
      `p50 ${ms1(quantile([...firsts].sort((a, b) => a - b), 0.5))} ms, max ${ms1(Math.max(...firsts))} ms`,
  );
  const breakdown: Breakdown[] = [];
  for (const query of METRIC_QUERIES) {
    const walls: number[] = [];
    for (let round = 0; round < PARALLEL_ROUNDS; round++) {
      const started = performance.now();
      await Promise.all(Array.from({ length: CONNECTIONS }, (_, i) => query.read(metrics, combos[(round * CONNECTIONS + i) % combos.length]!)));
      walls.push(performance.now() - started);
    }
    breakdown.push({
      name: query.name,
      reader: await p50((args) => query.read(metrics, args)),
      subgraph: await p50((args) => postOk(paths.subgraph, query, args)),
      gateway: await p50((args) => postOk(paths.gateway, query, args)),
      gatewayNotKept: await p50((args) => postOk(paths.gatewayNotKept, query, args)),
      sixteenAtOnce: quantile(walls.sort((a, b) => a - b), 0.5),
    });
  }
  console.log(`\n  where an answer's time goes: p50 ms of ${SEQUENTIAL} requests one at a time, and the wall time of ${CONNECTIONS} reader calls at once`);
  printTable(
    ['query', 'metric reader alone (rows kept per programme-month, then JS)', 'analytics subgraph over HTTP', 'through the gateway (answers kept per build)', 'through a gateway keeping none', `${CONNECTIONS} reader calls at once`],
    breakdown.map((b) => [b.name, ms1(b.reader), ms1(b.subgraph), ms1(b.gateway), ms1(b.gatewayNotKept), `${ms1(b.sixteenAtOnce)} (${ms1(b.sixteenAtOnce / b.reader)}x one)`]),
  );
  return breakdown;
}
