/**
 * Abuse limits the gateway applies before and around execution, each answering with its
 * own error code: per-caller rate limits (rate-limiter-flexible), trusted documents for the
 * roles that must use them, graphql-armor's depth, alias, cost and directive limits, and a
 * token limit.
 */
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { SERVICE_ROLE, type Caller, type Role } from '@tepat/auth';
import { ErrorCode } from '@tepat/core';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { ValidationRule } from 'graphql';
import type { Refusal } from '@tepat/subgraph-kit';
import type { IncomingMessage } from 'node:http';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

export interface RateLimits {
  /** Requests per minute from one address without a token. */
  publicPerMinute: number;
  /** Requests per minute for one token subject. */
  callerPerMinute: number;
  /**
   * The public's workflows (the recipient check, filing and following cases) per minute from
   * one address: stricter than other PUBLIC calls, so NIKs cannot be tried in bulk.
   */
  publicWorkflowPerMinute: number;
}

/** Rate limits by caller: PUBLIC by address, everyone else by role, subject and region. */
export function rateLimiter(limits: RateLimits) {
  const publicLimiter = new RateLimiterMemory({ points: limits.publicPerMinute, duration: 60 });
  const callerLimiter = new RateLimiterMemory({ points: limits.callerPerMinute, duration: 60 });
  return async function preHandler(req: IncomingMessage, caller: Caller): Promise<Refusal | undefined> {
    // The hub's own services are bounded by the callers whose requests they serve.
    if (caller.role === SERVICE_ROLE) return undefined;
    const [limiter, key] =
      caller.role === 'PUBLIC'
        ? [publicLimiter, req.socket.remoteAddress ?? 'unknown']
        : [callerLimiter, `${caller.role}|${caller.subject ?? ''}|${caller.region ?? ''}`];
    return consumeOrRefuse(limiter, key, 'Too many requests from this caller');
  };
}

async function consumeOrRefuse(limiter: RateLimiterMemory, key: string, what: string): Promise<Refusal | undefined> {
  try {
    await limiter.consume(key);
    return undefined;
  } catch (error) {
    if (!(error instanceof RateLimiterRes)) throw error;
    const seconds = Math.max(1, Math.ceil(error.msBeforeNext / 1000));
    return { status: 429, code: ErrorCode.RATE_LIMITED, message: `${what}; try again in ${seconds} s.`, headers: { 'retry-after': String(seconds) } };
  }
}

/**
 * The public workflows' own limit, per address, once the operation is known (the request
 * limit above runs before it is parsed). A refusal is thrown as a GraphQL error with 429.
 */
export function publicWorkflowLimiter(limits: RateLimits) {
  const limiter = new RateLimiterMemory({ points: limits.publicWorkflowPerMinute, duration: 60 });
  return async function admitWorkflow(address: string): Promise<Refusal | undefined> {
    return consumeOrRefuse(limiter, address, 'Too many checks and cases from this address');
  };
}

/**
 * An Apollo persisted-query manifest (`format: apollo-persisted-query-manifest`): the
 * operations a regional app was built with, by the SHA-256 of their text.
 */
export interface TrustedDocuments {
  /** sha256 -> document text. */
  byHash: ReadonlyMap<string, string>;
  /** Roles that may run only these documents. */
  requiredFor: readonly Role[];
}

export function readTrustedDocuments(path: string, requiredFor: readonly Role[]): TrustedDocuments {
  let manifest: { format?: unknown; operations?: { id?: unknown; body?: unknown }[] };
  try {
    manifest = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`TEPAT_TRUSTED_DOCUMENTS: ${path} is not a readable JSON manifest (${(error as Error).message}).`);
  }
  if (manifest.format !== 'apollo-persisted-query-manifest' || !Array.isArray(manifest.operations)) {
    throw new Error(`TEPAT_TRUSTED_DOCUMENTS: ${path} is not an apollo-persisted-query-manifest.`);
  }
  const byHash = new Map<string, string>();
  manifest.operations.forEach((op, i) => {
    if (typeof op.body !== 'string') throw new Error(`TEPAT_TRUSTED_DOCUMENTS: operation ${i} has no body.`);
    const hash = sha256(op.body);
    if (op.id !== undefined && op.id !== hash) throw new Error(`TEPAT_TRUSTED_DOCUMENTS: operation ${i}'s id is not the SHA-256 of its body.`);
    byHash.set(hash, op.body);
  });
  return { byHash, requiredFor };
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Tokens per document, enforced by graphql-js's parser (Apollo's `parseOptions`). */
export const MAX_TOKENS = 2000;

/**
 * graphql-armor's limits, sized so the hub's own queries (eligibility's facts query, the
 * screens' batches) pass. Its token limit stays off: it parses in a plugin hook and turns
 * any syntax error into a 500; graphql-js's parser enforces the same limit with a 400.
 */
export function armor<Context extends BaseContext>(): { plugins: ApolloServerPlugin<Context>[]; validationRules: ValidationRule[] } {
  const protection = new ApolloArmor({
    maxDepth: { n: 10 },
    maxAliases: { n: 15 },
    costLimit: { maxCost: 5000 },
    maxTokens: { enabled: false },
    maxDirectives: { n: 20 },
    blockFieldSuggestion: { enabled: true },
  }).protect();
  // graphql-armor's types name @apollo/server's CommonJS declarations; the objects are the same.
  return { plugins: protection.plugins as unknown as ApolloServerPlugin<Context>[], validationRules: protection.validationRules };
}
