/** `tepat serve <subgraph>`: one subgraph in this process, stopped cleanly on SIGINT or SIGTERM. */
import { runSubgraph } from '@tepat/subgraph-kit';
import { subgraphs } from '../subgraphs.js';
import { parseSubgraphNames } from './subgraph-names.js';

export async function serveCommand(name: string): Promise<void> {
  if (name === 'gateway') return serveGateway();
  if (name === 'analytics') return serveAnalytics();
  const [subgraphName] = parseSubgraphNames([name]);
  const running = await runSubgraph(await subgraphs[subgraphName]());
  if (running.applied.length > 0) console.log(`${subgraphName}: applied migrations ${running.applied.join(', ')}`);
  console.log(`${subgraphName}: serving ${running.url} (${running.db.kind} database, ${running.db.location})`);
  const stop = async () => {
    await running.close();
    process.exit(0);
  };
  stopOnSignals(stop);
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
