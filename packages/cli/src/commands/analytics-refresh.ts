/**
 * `tepat analytics refresh`: recompute the analytics tables (API.md). While the hub runs,
 * its analytics service owns the engine, so the refresh happens there and this relays the
 * progress; otherwise this process opens the engine and refreshes itself.
 */
import { openEngine, refresh, type Build } from '@tepat/analytics';
import { engineTarget, readAnalyticsEnv, refreshThroughService } from '@tepat/analytics-subgraph';
import { readServiceFile, serviceAnswers } from '@tepat/subgraph-kit';
import { hubSources } from '../analytics/hub-sources.js';

export async function analyticsRefreshCommand(options: { full?: boolean } = {}): Promise<void> {
  const build = await refreshAnalytics(process.env, (message) => console.log(message), { full: options.full });
  const rows = Object.entries(build.sources).map(([path, n]) => `${path} ${n}`).join(', ');
  console.log(`Analytics refreshed${options.full ? ' (full)' : ''} in ${build.seconds.toFixed(1)} s: ${rows}.`);
}

export async function refreshAnalytics(
  env: NodeJS.ProcessEnv,
  onProgress: (message: string) => void,
  options: { full?: boolean } = {},
): Promise<Build> {
  const config = readAnalyticsEnv(env);
  const service = readServiceFile(config.dir);
  if (service && (await serviceAnswers(service))) {
    onProgress(`refreshing through the analytics service at ${service.url}`);
    return refreshThroughService(service, onProgress, options);
  }
  const target = engineTarget(config);
  const engine = await openEngine(target).catch((error: Error) => {
    throw new Error(`${error.message} (is another tepat process holding ${'dir' in target ? target.dir : target.url}?)`);
  });
  try {
    return await refresh(engine, { sources: hubSources(env), scratchDir: config.dir, onProgress, full: options.full });
  } finally {
    await engine.close();
  }
}
