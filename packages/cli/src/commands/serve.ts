/**
 * `tepat serve <service...>`: one service in this process, or several subgraphs sharing it,
 * stopped cleanly on SIGINT or SIGTERM.
 *
 * Subgraphs that share a process share one Node runtime and one copy of the modules, which is
 * most of what each process holds (bench/README.md, eligibility, Memory: five registries
 * 1,625 MB in five processes, 484 MB in one). The gateway and analytics run alone: analytics
 * holds an in-process ClickHouse, and the gateway is the one every request crosses.
 */
import { runSubgraph, type RunningSubgraph } from '@tepat/subgraph-kit';
import { subgraphs } from '../subgraphs.js';
import { parseSubgraphNames } from './subgraph-names.js';

const ALONE = ['gateway', 'analytics'];

export async function serveCommand(names: string[]): Promise<void> {
  const alone = names.find((name) => ALONE.includes(name));
  if (alone && names.length > 1) throw new Error(`The ${alone} runs in a process of its own: tepat serve ${alone}.`);
  if (alone === 'gateway') return serveGateway();
  if (alone === 'analytics') return serveAnalytics();
  const subgraphNames = parseSubgraphNames(names);
  if (new Set(subgraphNames).size < subgraphNames.length) throw new Error(`A subgraph is named twice: ${names.join(' ')}.`);
  const running: RunningSubgraph[] = [];
  const closeAll = async () => {
    for (const service of running.splice(0).reverse()) await service.close();
  };
  for (const name of subgraphNames) {
    try {
      running.push(await runSubgraph(await subgraphs[name]()));
    } catch (error) {
      // The ones already serving stop with it: a process serves all it was asked to or none.
      await closeAll();
      throw new Error(`${name}: ${(error as Error).message}`, { cause: error });
    }
    const started = running.at(-1)!;
    if (started.applied.length > 0) console.log(`${name}: applied migrations ${started.applied.join(', ')}`);
    console.log(`${name}: serving ${started.url} (${started.db.kind} database, ${started.db.location})`);
  }
  stopOnSignals(async () => {
    await closeAll();
    process.exit(0);
  });
}

async function serveGateway(): Promise<void> {
  const { readGatewayEnv, startGateway } = await import('@tepat/gateway');
  const running = await startGateway(readGatewayEnv());
  console.log(`gateway: serving ${running.url}`);
  stopOnSignals(async () => {
    await running.close();
    process.exit(0);
  });
}

async function serveAnalytics(): Promise<void> {
  const { runAnalyticsService } = await import('@tepat/analytics-subgraph');
  const { hubSources } = await import('../analytics/hub-sources.js');
  const running = await runAnalyticsService(hubSources());
  console.log(`analytics: serving ${running.url} (${running.engine.kind} ClickHouse, ${running.engine.location})`);
  stopOnSignals(async () => {
    await running.close();
    process.exit(0);
  });
}

function stopOnSignals(stop: () => Promise<void>): void {
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  // Started by `tepat start`: stop with it, even when it was killed without a chance to say so.
  if (process.connected) process.once('disconnect', stop);
}
