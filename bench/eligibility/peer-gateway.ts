/**
 * Part 3: one person query on @apollo/gateway and on Hive Gateway (router runtime) over the
 * same subgraphs and supergraph at 16 clients. Eligibility's own facts query always goes
 * through the Apollo gateway, so the comparison uses a query without eligibility; both gateways
 * give the subgraphs the same caller, SERVICE (Apollo verifies a SERVICE bearer token and signs
 * `x-tepat-caller` itself, Hive propagates the `x-tepat-caller` this script signs); then Apollo
 * as an AUDITOR, whose every read also writes the access log.
 */
import { FORWARDED_CALLER_HEADER } from '@tepat/auth';
import type { SubgraphName } from '@tepat/subgraph-kit';
import getPort from 'get-port';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { oneDecimal as ms1 } from '../support/format.js';
import { postGraphql } from '../support/graphql.js';
import { memoryOf } from '../support/memory.js';
import { ROOT, spawnNode, stopProcess, type NodeProcess } from '../support/processes.js';
import { personFound, PERSON_QUERY } from './checks.js';
import { WARM_UP_SECONDS, type Context } from './context.js';
import { loadRun, printLoad, tracked, type LabelledLoad } from './load.js';

const HIVE_BIN = join(ROOT, 'node_modules/@graphql-hive/gateway/dist/bin.js');
const CONNECTIONS = 16;

export interface PeerComparison {
  apollo: LabelledLoad;
  hive: LabelledLoad;
  apolloAuditor: LabelledLoad;
  identical: number;
  compared: number;
}

const versionOf = (pkg: string) => JSON.parse(readFileSync(join(ROOT, 'node_modules', pkg, 'package.json'), 'utf8')).version as string;

/** Hive Gateway on the committed supergraph with this run's subgraph URLs, passing each client's caller on to every subgraph. */
async function startHive(context: Context, port: number): Promise<NodeProcess> {
  const { hub, scratch } = context;
  // The Apollo gateway replaces the URLs the same way.
  const supergraph = readFileSync(join(ROOT, 'gateway/supergraph.graphql'), 'utf8').replace(
    /@join__graph\(name: "([a-z-]+)", url: "[^"]*"\)/g,
    (_m, name: SubgraphName) => `@join__graph(name: "${name}", url: "${hub.subgraphUrl(name)}")`,
  );
  const supergraphFile = join(scratch, 'supergraph.graphql');
  writeFileSync(supergraphFile, supergraph);
  const hiveConfigFile = join(scratch, 'gateway.config.mjs');
  writeFileSync(
    hiveConfigFile,
    `export const gatewayConfig = {
  propagateHeaders: {
    fromClientToSubgraphs({ request }) {
      return { '${FORWARDED_CALLER_HEADER}': request.headers.get('${FORWARDED_CALLER_HEADER}') };
    },
  },
};
`,
  );
  const args = ['supergraph', supergraphFile, '--config-path', hiveConfigFile, '--host', '127.0.0.1', '--port', String(port), '--hive-router-runtime', '--fork', '1'];
  const hive = spawnNode([HIVE_BIN, ...args], { env: { ...process.env }, cwd: scratch });
  const url = `http://127.0.0.1:${port}/graphql`;
  for (let deadline = Date.now() + 120_000; ; ) {
    if (hive.child.exitCode !== null) throw new Error(`Hive Gateway exited (code ${hive.child.exitCode}):\n${hive.tail()}`);
    const ok = await postGraphql(url, '{ __typename }', {}).then((r) => r.status === 200 && r.body.data?.__typename === 'Query', () => false);
    if (ok) return hive;
    if (Date.now() > deadline) throw new Error(`Hive Gateway did not answer within 120 s:\n${hive.tail()}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

export async function peerGateway(context: Context): Promise<PeerComparison> {
  const { hub, callers, nextNik } = context;
  const { asService, asAuditor, forwardedService } = callers;
  console.log(`\n3. the same person query on @apollo/gateway and on Hive Gateway (router runtime), ${CONNECTIONS} clients:`);
  console.log(`   ${PERSON_QUERY.split('\n')[1]!.trim()}`);
  console.log(
    '   who asks: the subgraphs check the x-tepat-caller header, so both gateways give them the same signed caller, role SERVICE\n' +
      '   (unmasked, not access-logged, not rate-limited):\n' +
      '   - @apollo/gateway gets a SERVICE bearer token, verifies it and signs x-tepat-caller for the subgraphs per request (its own auth);\n' +
      '   - Hive Gateway authenticates nothing: the client sends x-tepat-caller (signed by this script, renewed every 30 s) and\n' +
      '     Hive propagates it to the subgraphs (propagateHeaders in gateway.config.mjs);\n' +
      "   - a third run shows @apollo/gateway as an AUDITOR (with x-tepat-purpose): the same data plus the access-log write, one more\n" +
      '     request to the audit subgraph per read.',
  );
  const hivePort = await getPort({ host: '127.0.0.1' });
  const hiveUrl = `http://127.0.0.1:${hivePort}/graphql`;
  const hive = await startHive(context, hivePort);
  try {
    tracked.set('hive gateway', hive.child.pid!);
    console.log(
      `  @apollo/gateway ${versionOf('@apollo/gateway')} (port ${hub.ports.gateway}); @graphql-hive/gateway ${versionOf('@graphql-hive/gateway')} --hive-router-runtime --fork 1 (port ${hivePort})`,
    );
    // All must give the same answers, or the comparison means nothing.
    let identical = 0;
    const compared = 20;
    for (let i = 0; i < compared; i++) {
      const nik = nextNik();
      const [a, b, c] = await Promise.all([
        postGraphql(hub.gatewayUrl, PERSON_QUERY, { nik }, asService()),
        postGraphql(hiveUrl, PERSON_QUERY, { nik }, forwardedService()),
        postGraphql(hub.gatewayUrl, PERSON_QUERY, { nik }, asAuditor()),
      ]);
      const data = JSON.stringify(a.body.data);
      if (!a.body.errors && !b.body.errors && !c.body.errors && data === JSON.stringify(b.body.data) && data === JSON.stringify(c.body.data)) identical++;
      else if (identical === i) {
        console.log(
          `  answers differ for ${nik}:\n    apollo (SERVICE) ${JSON.stringify(a.body).slice(0, 400)}\n    hive (SERVICE)   ${JSON.stringify(b.body).slice(0, 400)}` +
            `\n    apollo (AUDITOR) ${JSON.stringify(c.body).slice(0, 400)}`,
        );
      }
    }
    console.log(`  same data from all three for ${identical} of ${compared} NIKs`);
    const person = (url: string, headers: () => Record<string, string>, seconds: number) => ({
      url,
      connections: CONNECTIONS,
      seconds,
      body: () => JSON.stringify({ query: PERSON_QUERY, variables: { nik: nextNik() } }),
      headers,
      ok: personFound,
    });
    let turn = 0;
    await loadRun('warm-up', null, person(hiveUrl, forwardedService, WARM_UP_SECONDS));
    // Both of Apollo's callers in turn, so the access-log path is warm too.
    await loadRun('warm-up', null, person(hub.gatewayUrl, () => (turn++ % 2 ? asAuditor() : asService()), WARM_UP_SECONDS));
    const apollo = await loadRun('person via @apollo/gateway, SERVICE', context.maxWait, person(hub.gatewayUrl, asService, context.seconds));
    const hiveResult = await loadRun('person via Hive Gateway, SERVICE forwarded', context.maxWait, person(hiveUrl, forwardedService, context.seconds));
    const apolloAuditor = await loadRun('person via @apollo/gateway, AUDITOR + access log', context.maxWait, person(hub.gatewayUrl, asAuditor, context.seconds));
    printLoad([apollo, hiveResult, apolloAuditor]);
    const gatewayCpu = (r: LabelledLoad, name: string) => r.cpu.byProcess.find(([n]) => n === name)?.[1] ?? NaN;
    console.log(
      `  gateway CPU per request: @apollo/gateway ${ms1((gatewayCpu(apollo, 'gateway') * 10) / apollo.rps)} ms (SERVICE), ` +
        `${ms1((gatewayCpu(apolloAuditor, 'gateway') * 10) / apolloAuditor.rps)} ms (AUDITOR); ` +
        `Hive Gateway ${ms1((gatewayCpu(hiveResult, 'hive gateway') * 10) / hiveResult.rps)} ms`,
    );
    console.log(`  peak memory (VmHWM): @apollo/gateway ${memoryOf(tracked.get('gateway'))?.hwm ?? 'n/a'} MB, Hive Gateway ${memoryOf(hive.child.pid)?.hwm ?? 'n/a'} MB`);
    return { apollo, hive: hiveResult, apolloAuditor, identical, compared };
  } finally {
    await stopProcess(hive, 'Hive Gateway');
    tracked.delete('hive gateway');
  }
}
