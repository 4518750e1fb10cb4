/**
 * Benchmark: the kit's own HTTP server (`serveHttp`, packages/subgraph-kit/src/http-server.ts,
 * node:http) against Fastify with Apollo's integration (`@as-integrations/fastify`), both made
 * to behave alike (issue 22), serving the same Apollo Server (the kit's `createApollo`) over a
 * small schema: a person of four fields (a ~100-byte answer) and a list of regions (~10 kB).
 *
 * Both authenticate a bearer token as the gateway does (`withServiceTokens` over
 * `createTokenVerifier`, gateway/src/gateway.ts) and run the gateway's rate limits as their
 * preHandler (gateway/src/limits.ts), with the same body limit, request timeout, `/health`,
 * `/ready`, a streamed prefix route and, for the parity checks, a response cache.
 *
 *   npx tsx bench/http-server.ts [--seconds 10] [--connections 16] [--rounds 2] [--max-wait 600]
 *
 * First the parity checks, on a fresh pair of servers with a response cache and a low public
 * rate limit: every request is sent to both and both must answer as expected (the same query
 * answer, 401 without a valid token, 413 before the body is read, ...); any difference stops
 * the run. Then each server runs in its own child process, and autocannon drives one at a time
 * from this process, each query on each server in turn, `--rounds` times, the first server
 * alternating (ours, Fastify; Fastify, ours; ...) so that a drift in the machine shows rather
 * than favours one. Each run follows a short warm-up and waits up to `--max-wait` seconds for
 * the machine to be quiet (other processes under a quarter of a core, support/quiet.ts). CPU
 * per request is the server process's own (pidusage), so the load generator's share is not in
 * it; resident memory is the server's (/proc).
 *
 * Run as `--serve ours|fastify` it is one of those child processes.
 *
 * The parts are modules of bench/http-server/: the schema and queries (schema.ts), what both
 * servers share (behaviour.ts), the two servers (servers.ts), the child processes (child.ts),
 * the requests of the parity checks (send.ts) and the checks themselves (parity.ts), one
 * measured run (measure.ts).
 */
import { issueToken } from '@tepat/auth';
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { whole } from './support/format.js';
import { memoryOf } from './support/memory.js';
import { signalAll } from './support/processes.js';
import { measuredAnyway, OTHERS_CPU, waitForQuiet } from './support/quiet.js';
import { printTable } from './support/table.js';
import { MAX_BODY_BYTES } from './http-server/behaviour.js';
import { runChild, secrets, startChild, stopChild } from './http-server/child.js';
import { measure, median, warmUpLoad, type Measurement } from './http-server/measure.js';
import { checkParity } from './http-server/parity.js';
import { QUERIES, QUERY_NAMES } from './http-server/schema.js';
import { LABEL, SERVERS, type ServerName } from './http-server/servers.js';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '16' },
    rounds: { type: 'string', default: '2' },
    'max-wait': { type: 'string', default: '600' },
    serve: { type: 'string' },
    port: { type: 'string' },
    parity: { type: 'boolean', default: false },
  },
});

process.on('SIGINT', () => {
  signalAll('SIGTERM');
  process.exit(130);
});

const ms = (n: number) => n.toFixed(2);
const loadAverages = () => loadavg().map((n) => n.toFixed(2)).join(' ');

async function main() {
  const seconds = Number(values.seconds);
  const connections = Number(values.connections);
  const rounds = Number(values.rounds);
  const maxWait = Number(values['max-wait']);
  const warmUp = Math.min(3, seconds);
  const token = await issueToken({ role: 'ANALYST', subject: 'bench', ttl: '8h' }, Buffer.from(secrets.BENCH_JWT_SECRET, 'base64url'));
  console.log(`${cpus().length} cores, Node ${process.versions.node}; load average at start ${loadAverages()}`);
  console.log(`answers: small ${QUERIES.small.answer.length} bytes, large ${whole(QUERIES.large.answer.length)} bytes; body limit ${whole(MAX_BODY_BYTES)} bytes\n`);

  console.log('parity (each request sent to both servers, with a response cache and a low public rate limit; the errors the servers log are the ones the checks provoke):');
  if (!(await checkParity(token))) {
    console.log('\nThe servers do not behave alike; nothing measured.');
    process.exitCode = 1;
    return;
  }

  const servers = await Promise.all(SERVERS.map((name) => startChild(name, false)));
  try {
    for (const server of servers) console.log(`${LABEL[server.name]}: ${server.version}, RSS ${memoryOf(server.pid)?.rss} MB once started`);
    console.log(`${connections} connections, ${seconds} s per run after a ${warmUp} s warm-up, ${rounds} rounds; CPU is the server process's own`);
    const measurements: Measurement[] = [];
    for (let round = 1; round <= rounds; round++) {
      for (const query of QUERY_NAMES) {
        for (const server of round % 2 ? servers : [...servers].reverse()) {
          const what = `round ${round}, ${query}, ${server.name}`;
          const loadAverage = await waitForQuiet(what, { maxSeconds: maxWait, gauge: OTHERS_CPU });
          await warmUpLoad(server, query, token, warmUp, connections);
          const result = await measure(server, query, token, seconds, connections);
          measurements.push({ round, query, server: server.name, ...result, rssMb: memoryOf(server.pid)?.rss ?? NaN, loadAverage });
          const { load } = result;
          console.log(
            `  ${what}: ${whole(load.rps)} req/s, p50 ${ms(load.p50)} ms, p99 ${ms(load.p99)} ms, ${whole(result.cpuPerRequest)} µs CPU/req` +
              (load.errors ? `, ${load.errors} errors (${load.firstError})` : ''),
          );
        }
      }
    }

    console.log('\nevery run (load average: the 1-minute one as the run started):');
    printTable(
      ['round', 'query', 'server', 'req/s', 'p50 ms', 'p99 ms', 'errors', 'server CPU µs/req', 'server CPU %', 'other processes CPU %', 'RSS MB after', 'load avg'],
      measurements.map((m) => [
        m.round,
        m.query,
        m.server,
        whole(m.load.rps),
        ms(m.load.p50),
        ms(m.load.p99),
        m.load.errors,
        whole(m.cpuPerRequest),
        whole(m.serverCpu),
        whole(m.othersCpu),
        whole(m.rssMb),
        m.loadAverage.toFixed(2),
      ]),
    );

    console.log(`\nmedians over the ${rounds} rounds, the lowest and highest in brackets (Fastify / ours: above 1 means Fastify's figure is higher):`);
    const rows: (string | number)[][] = [];
    for (const query of QUERY_NAMES) {
      const runs = (server: ServerName, pick: (m: Measurement) => number) => measurements.filter((m) => m.query === query && m.server === server).map(pick);
      const of = (server: ServerName, pick: (m: Measurement) => number) => median(runs(server, pick));
      const spread = (server: ServerName, pick: (m: Measurement) => number, format: (n: number) => string) =>
        `${format(of(server, pick))} (${format(Math.min(...runs(server, pick)))}-${format(Math.max(...runs(server, pick)))})`;
      for (const server of servers) {
        rows.push([
          query,
          LABEL[server.name],
          spread(server.name, (m) => m.load.rps, whole),
          spread(server.name, (m) => m.load.p50, ms),
          spread(server.name, (m) => m.load.p99, ms),
          spread(server.name, (m) => m.cpuPerRequest, whole),
          whole(of(server.name, (m) => m.rssMb)),
        ]);
      }
      const ratio = (pick: (m: Measurement) => number) => `${(of('fastify', pick) / of('ours', pick)).toFixed(2)}x`;
      rows.push([query, 'Fastify / ours', ratio((m) => m.load.rps), ratio((m) => m.load.p50), ratio((m) => m.load.p99), ratio((m) => m.cpuPerRequest), ratio((m) => m.rssMb)]);
    }
    printTable(['query', 'server', 'req/s', 'p50 ms', 'p99 ms', 'server CPU µs/req', 'RSS MB after'], rows);
    console.log(servers.map((server) => `peak RSS (VmHWM) ${server.name} ${memoryOf(server.pid)?.hwm} MB`).join(', '));
    if (measuredAnyway.length) console.log(`measured although the machine was busy: ${measuredAnyway.join('; ')}`);
    console.log(`load average at end ${loadAverages()}`);
  } finally {
    await Promise.all(servers.map(stopChild));
  }
}

if (values.serve) {
  if (!(SERVERS as readonly string[]).includes(values.serve)) throw new Error(`--serve ${values.serve}: one of ${SERVERS.join(', ')}`);
  await runChild(values.serve as ServerName, Number(values.port), values.parity);
} else {
  await main().finally(() => signalAll('SIGTERM'));
}
