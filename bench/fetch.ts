/**
 * The hub's calls between its services (packages/subgraph-kit/src/http-client.ts): the
 * gateway's fetcher for its subgraphs (gateway/src/subgraph-fetch.ts), undici's `request`
 * over a pool, against the WHATWG `fetch` with an
 * `AbortSignal.timeout` per call that it used before, on the same small `_entities` answer
 * from a local server, at 16 calls in flight. CPU is this process's, client and server
 * together (the server's share is the same in every row).
 *
 *   npx tsx bench/fetch.ts [--calls 20000] [--timeout-ms 5000]
 */
import { subgraphFetcher } from '@tepat/gateway';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { whole } from './support/format.js';
import { printTable } from './support/table.js';

const { values } = parseArgs({ options: { calls: { type: 'string', default: '20000' }, 'timeout-ms': { type: 'string', default: '5000' } } });
const CALLS = Number(values.calls);
const TIMEOUT_MS = Number(values['timeout-ms']);
const IN_FLIGHT = 16;

// What population answers the gateway for one person, and what the gateway sends it.
const answer = JSON.stringify({
  data: { _entities: [{ registry: { fullName: 'Budi Santoso', kk: '3510010101100001', villageCode: '35.10.01.2001', deathDate: null } }] },
});
const init = {
  method: 'POST',
  headers: { 'content-type': 'application/json', 'x-tepat-caller': 'x'.repeat(300) },
  body: JSON.stringify({
    query: 'query($representations:[_Any!]!){_entities(representations:$representations){...on Person{registry{fullName kk villageCode deathDate}}}}',
    variables: { representations: [{ __typename: 'Person', nik: '3510010404800001' }] },
  }),
};

const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(answer);
  });
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;

const fetcher = subgraphFetcher(TIMEOUT_MS);
const ways: [string, () => Promise<unknown>][] = [
  ['fetch + AbortSignal.timeout (before)', async () => (await fetch(url, { ...init, signal: AbortSignal.timeout(TIMEOUT_MS) })).json()],
  ['subgraphFetcher: undici request, pooled (now)', async () => (await fetcher(url, init)).json()],
];

async function measure(call: () => Promise<unknown>): Promise<{ perSecond: number; cpuMs: number }> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  let issued = 0;
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (issued++ < CALLS) await call();
    }),
  );
  const used = process.cpuUsage(cpu);
  return { perSecond: CALLS / ((performance.now() - started) / 1000), cpuMs: (used.user + used.system) / 1000 / CALLS };
}

console.log(`${whole(CALLS)} calls per way, ${IN_FLIGHT} in flight, each way warmed up first`);
const rows: string[][] = [];
for (const [name, call] of ways) {
  await measure(call);
  const { perSecond, cpuMs } = await measure(call);
  rows.push([name, whole(perSecond), cpuMs.toFixed(3)]);
}
printTable(['way', 'calls/s', 'CPU ms per call'], rows);
server.close();
