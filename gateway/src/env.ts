/** The gateway's configuration, read and checked once at start (STYLE.md). */
import { isRole, type AuthConfig, type Role } from '@tepat/auth';
import { envSuffix, parseEnv, readHubEnv, readSubgraphEnv, SUPERGRAPH_NAMES, type SupergraphMember } from '@tepat/subgraph-kit';
import { z } from 'zod';
import type { RateLimits } from './limits.js';

export interface GatewayEnv {
  host: string;
  port: number;
  /** Each subgraph's GraphQL URL. */
  subgraphUrls: Record<SupergraphMember, string>;
  /** How long a source subgraph may take to answer one fetch before its fields fail. */
  subgraphTimeoutMs: number;
  /**
   * The same for eligibility, which itself waits on a facts query through this gateway:
   * longer than the source timeout, so a slow source makes checks UNKNOWN instead of
   * failing the whole answer.
   */
  eligibilityTimeoutMs: number;
  /** Keys of callers' tokens and of the hub's internal calls. */
  auth: AuthConfig;
  /** Whether the schema can be introspected (off unless TEPAT_INTROSPECTION=true). */
  introspection: boolean;
  /** Requests per minute: from one address without a token, for one token subject, and the public's workflows per address. */
  rateLimits: RateLimits;
  /** The largest request body, in bytes. */
  maxRequestBytes: number;
  /** An apollo-persisted-query-manifest of trusted documents, and the roles bound to it. */
  trustedDocuments?: { path: string; requiredFor: Role[] };
  /** Most bytes of analytics answers kept per build (answer-cache.ts); 0 keeps none. */
  responseCacheBytes: number;
}

/**
 * Reads the gateway's variables. A subgraph's URL is `TEPAT_<X>_URL` when set (a real
 * deployment), else where `tepat start` runs it: `TEPAT_HOST` and `TEPAT_<X>_PORT`.
 */
export function readGatewayEnv(env: NodeJS.ProcessEnv = process.env): GatewayEnv {
  const values = parseEnv(
    z.object({
      TEPAT_HOST: z.string().min(1).default('127.0.0.1'),
      TEPAT_PORT: z.coerce.number().int().min(0).max(65535).default(4000),
      TEPAT_SUBGRAPH_TIMEOUT_MS: z.coerce.number().int().min(1).default(5_000),
      TEPAT_ELIGIBILITY_TIMEOUT_MS: z.coerce.number().int().min(1).default(120_000),
      TEPAT_INTROSPECTION: z.enum(['true', 'false']).default('false'),
      TEPAT_RATE_PUBLIC_PER_MINUTE: z.coerce.number().int().min(1).default(60),
      TEPAT_RATE_PER_MINUTE: z.coerce.number().int().min(1).default(6_000),
      TEPAT_RATE_CHECK_PER_MINUTE: z.coerce.number().int().min(1).default(10),
      TEPAT_MAX_REQUEST_BYTES: z.coerce.number().int().min(1024).default(1024 * 1024),
      TEPAT_TRUSTED_DOCUMENTS: z.string().min(1).optional(),
      TEPAT_ANSWER_CACHE_MB: z.coerce.number().min(0).default(64),
      TEPAT_TRUSTED_ROLES: z
        .string()
        .default('REGIONAL_APP')
        .refine((v) => v.split(',').every((r) => isRole(r.trim())), 'must be a comma-separated list of roles'),
      ...Object.fromEntries(SUPERGRAPH_NAMES.map((name) => [`TEPAT_${envSuffix(name)}_URL`, z.url().optional()])),
    }),
    env,
    'the gateway',
  ) as Record<string, string | number | undefined>;
  const subgraphUrls = Object.fromEntries(
    SUPERGRAPH_NAMES.map((name) => {
      const explicit = values[`TEPAT_${envSuffix(name)}_URL`] as string | undefined;
      if (explicit) return [name, explicit];
      const { host, port } = readSubgraphEnv(name, env);
      return [name, `http://${host}:${port}/graphql`];
    }),
  ) as Record<SupergraphMember, string>;
  return {
    host: values.TEPAT_HOST as string,
    port: values.TEPAT_PORT as number,
    subgraphUrls,
    subgraphTimeoutMs: values.TEPAT_SUBGRAPH_TIMEOUT_MS as number,
    eligibilityTimeoutMs: values.TEPAT_ELIGIBILITY_TIMEOUT_MS as number,
    auth: readHubEnv(env).auth,
    introspection: values.TEPAT_INTROSPECTION === 'true',
    rateLimits: {
      publicPerMinute: values.TEPAT_RATE_PUBLIC_PER_MINUTE as number,
      callerPerMinute: values.TEPAT_RATE_PER_MINUTE as number,
      publicWorkflowPerMinute: values.TEPAT_RATE_CHECK_PER_MINUTE as number,
    },
    maxRequestBytes: values.TEPAT_MAX_REQUEST_BYTES as number,
    responseCacheBytes: Math.round((values.TEPAT_ANSWER_CACHE_MB as number) * 1024 * 1024),
    trustedDocuments: values.TEPAT_TRUSTED_DOCUMENTS
      ? {
          path: values.TEPAT_TRUSTED_DOCUMENTS as string,
          requiredFor: (values.TEPAT_TRUSTED_ROLES as string).split(',').map((r) => r.trim() as Role),
        }
      : undefined,
  };
}
