/** The one reader of process.env for a subgraph service: parsed and checked at start (STYLE.md). */
import type { AuthConfig } from '@tepat/auth';
import { resolve } from 'node:path';
import { z } from 'zod';
import { DEFAULT_PORTS, envSuffix, type SupergraphMember } from './services.js';

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

/** Parses variables with a zod schema; a bad value stops with a message naming the variable. */
export function parseEnv<Schema extends z.ZodType>(schema: Schema, env: NodeJS.ProcessEnv, what: string): z.infer<Schema> {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid configuration for ${what}: ${problems}`);
  }
  return parsed.data;
}

export interface HubEnv {
  /** Where embedded data lives. */
  dataDir: string;
  /** Persons in the demo data set `tepat start` loads into an empty data directory. */
  demoPersons: number;
  /** The V8 heap limit `tepat start` gives each service it starts, MB. */
  serviceHeapMb: number;
  /** The gateway's GraphQL URL, for the services and commands that call it. */
  gatewayUrl: string;
  /** Where the keys of callers' tokens and of the hub's internal calls come from. */
  auth: AuthConfig;
}

/** What every command of the hub shares; a bad value stops with a message naming the variable. */
export function readHubEnv(env: NodeJS.ProcessEnv = process.env): HubEnv {
  const v = parseEnv(
    z.object({
      TEPAT_DATA_DIR: z.string().min(1).default(DEFAULT_DATA_DIR),
      TEPAT_DEMO_PERSONS: z.coerce.number().int().min(1).default(100_000),
      TEPAT_SERVICE_HEAP_MB: z.coerce.number().int().min(128).default(512),
      TEPAT_HOST: z.string().min(1).default('127.0.0.1'),
      TEPAT_PORT: z.coerce.number().int().min(0).max(65535).default(4000),
      TEPAT_GATEWAY_URL: z.url().optional(),
      TEPAT_JWT_SECRET: z.string().min(1).optional(),
      TEPAT_JWKS_URL: z.url().optional(),
      TEPAT_JWT_ISSUER: z.string().min(1).optional(),
      TEPAT_JWT_AUDIENCE: z.string().min(1).optional(),
      TEPAT_INTERNAL_KEY: z.string().min(1).optional(),
    }),
    env,
    'the hub',
  );
  const dataDir = resolve(v.TEPAT_DATA_DIR);
  return {
    dataDir,
    demoPersons: v.TEPAT_DEMO_PERSONS,
    serviceHeapMb: v.TEPAT_SERVICE_HEAP_MB,
    gatewayUrl: v.TEPAT_GATEWAY_URL ?? `http://${v.TEPAT_HOST}:${v.TEPAT_PORT}/graphql`,
    auth: {
      dataDir,
      jwtSecret: v.TEPAT_JWT_SECRET,
      jwksUrl: v.TEPAT_JWKS_URL,
      jwtIssuer: v.TEPAT_JWT_ISSUER,
      jwtAudience: v.TEPAT_JWT_AUDIENCE,
      internalKey: v.TEPAT_INTERNAL_KEY,
    },
  };
}

/** Reads a subgraph's configuration (for analytics only its address applies); a bad value stops with a message naming the variable. */
export function readSubgraphEnv(name: SupergraphMember, env: NodeJS.ProcessEnv = process.env): SubgraphEnv {
  const suffix = envSuffix(name);
  const schema = z.object({
    TEPAT_DATA_DIR: z.string().min(1).default(DEFAULT_DATA_DIR),
    [`DATABASE_URL_${suffix}`]: postgresUrl.optional(),
    [`TEPAT_${suffix}_PORT`]: port.default(DEFAULT_PORTS[name]),
    TEPAT_HOST: z.string().min(1).default('127.0.0.1'),
  });
  const values = parseEnv(schema, env, `the ${name} subgraph`) as Record<string, string | number | undefined>;
  return {
    dataDir: resolve(values.TEPAT_DATA_DIR as string),
    databaseUrl: values[`DATABASE_URL_${suffix}`] as string | undefined,
    host: values.TEPAT_HOST as string,
    port: values[`TEPAT_${suffix}_PORT`] as number,
  };
}
