/** The one reader of process.env for a subgraph service: parsed and checked at start (STYLE.md). */
import { resolve } from 'node:path';
import { z } from 'zod';
import { DEFAULT_PORTS, envSuffix, type SubgraphName } from './services.js';

export interface SubgraphEnv {
  /** Where embedded databases live: `<dataDir>/<subgraph>/`. */
  dataDir: string;
  /** A PostgreSQL server for this subgraph; embedded storage when absent. */
  databaseUrl: string | undefined;
  host: string;
  port: number;
}

const port = z.coerce.number().int().min(0).max(65535);
const postgresUrl = z
  .string()
  .refine((v) => /^postgres(ql)?:\/\//.test(v), 'must be a postgresql:// URL');

const DEFAULT_DATA_DIR = '.tepat';

/** What every command of the hub shares: where embedded data lives. */
export function readHubEnv(env: NodeJS.ProcessEnv = process.env): { dataDir: string } {
  return { dataDir: resolve(env.TEPAT_DATA_DIR || DEFAULT_DATA_DIR) };
}

/** Reads a subgraph's configuration; a bad value stops with a message naming the variable. */
export function readSubgraphEnv(name: SubgraphName, env: NodeJS.ProcessEnv = process.env): SubgraphEnv {
  const suffix = envSuffix(name);
  const schema = z.object({
    TEPAT_DATA_DIR: z.string().min(1).default(DEFAULT_DATA_DIR),
    [`DATABASE_URL_${suffix}`]: postgresUrl.optional(),
    [`TEPAT_${suffix}_PORT`]: port.default(DEFAULT_PORTS[name]),
    TEPAT_HOST: z.string().min(1).default('127.0.0.1'),
  });
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid configuration for the ${name} subgraph: ${problems}`);
  }
  const values = parsed.data as Record<string, string | number | undefined>;
  return {
    dataDir: resolve(values.TEPAT_DATA_DIR as string),
    databaseUrl: values[`DATABASE_URL_${suffix}`] as string | undefined,
    host: values.TEPAT_HOST as string,
    port: values[`TEPAT_${suffix}_PORT`] as number,
  };
}
