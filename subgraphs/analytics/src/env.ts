/** The analytics service's configuration, read and checked once at start (STYLE.md). */
import { DEFAULT_MIN_CELL } from '@tepat/analytics';
import { parseEnv, readSubgraphEnv } from '@tepat/subgraph-kit';
import { join, resolve } from 'node:path';
import { z } from 'zod';

export interface AnalyticsEnv {
  /** Where the embedded engine keeps its data and this service its service.json. */
  dir: string;
  /** A ClickHouse server (24+); chdb in this process when absent. */
  clickhouseUrl: string | undefined;
  host: string;
  port: number;
  /** API.md, Small cells: k, the fewest units a figure an ANALYST sees may rest on. */
  minCell: number;
}

export function readAnalyticsEnv(env: NodeJS.ProcessEnv = process.env): AnalyticsEnv {
  const values = parseEnv(
    z.object({
      TEPAT_DATA_DIR: z.string().min(1).default('.tepat'),
      CLICKHOUSE_URL: z.url().optional(),
      TEPAT_MIN_CELL: z.coerce.number().int().min(1).default(DEFAULT_MIN_CELL),
    }),
    env,
    'the analytics service',
  );
  const { host, port } = readSubgraphEnv('analytics', env);
  return { dir: join(resolve(values.TEPAT_DATA_DIR), 'analytics'), clickhouseUrl: values.CLICKHOUSE_URL, host, port, minCell: values.TEPAT_MIN_CELL };
}

/** Where the engine lives under this configuration. */
export function engineTarget(config: AnalyticsEnv): { url: string } | { dir: string } {
  return config.clickhouseUrl ? { url: config.clickhouseUrl } : { dir: join(config.dir, 'clickhouse') };
}
