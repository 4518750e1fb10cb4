/**
 * The gateway's response cache: whole answers to the analytics dashboard's queries, kept
 * per analytics build.
 *
 * A metric answer depends only on the build it was read from, the caller's role and region,
 * and the request. Builds are immutable, so an answer stays right for as long as its build is
 * served. Sharing it saves what dominates a large answer: the gateway parsing, shaping and
 * re-serialising it (regionalEquity at DISTRICT level, 6,000 regions and 880 KB: about
 * 150 ms, one core, per request; kept, it is written out as it was).
 *
 * Before a kept answer goes out, the analytics service is asked which build it serves now
 * (`GET /build`, ANALYTICS_BUILD_PATH). Requests that arrive while such a
 * question is under way wait for the next one, so every answer reflects a build served after
 * its request arrived: a refresh is visible to the very next request, as without the cache.
 * An answer is kept only when it has no errors and the build did not change while it ran.
 */
import { FIELD_TAGS, type Caller, type Role } from '@tepat/auth';
import { ANALYTICS_BUILD_PATH, type ResponseCache, type CacheEntry, type CachedResponse } from '@tepat/subgraph-kit';
import { getOperationAST, Kind, parse } from 'graphql';
import { LRUCache } from 'lru-cache';
import { createHash } from 'node:crypto';
import { MAX_TOKENS } from './limits.js';
import { rootFieldsTagged } from './root-field-tags.js';

/** Root fields answered from an analytics build's metric tables alone: aggregates, no personal data, nothing logged. */
export const BUILD_ANSWERED_FIELDS = rootFieldsTagged(FIELD_TAGS.buildAnswered);

export interface ResponseCacheOptions {
  /** The analytics subgraph's GraphQL URL; its build is asked at `/build` on the same host. */
  analyticsUrl: string;
  /** Most bytes of answers kept; the least recently used go first. */
  maxBytes: number;
  timeoutMs: number;
  /** Roles bound to trusted documents: their requests always run, so the check of the document does too. */
  trustedRoles?: readonly Role[];
}

interface Request {
  query: string;
  operationName?: string | null;
  variables?: unknown;
}

export function responseCache(options: ResponseCacheOptions): ResponseCache {
  const responses = new LRUCache<string, CachedResponse>({ maxSize: options.maxBytes, sizeCalculation: (a) => Math.max(1, a.body.length) });
  // Whether a document's operation reads only build-answered fields, by operation and text.
  const shareable = new LRUCache<string, boolean>({ max: 1_000 });
  const builds = new BuildWatch(new URL(ANALYTICS_BUILD_PATH, options.analyticsUrl), options.timeoutMs);
  let lastBuild: string | null = null;

  function isShareable(request: Request): boolean {
    const key = `${request.operationName ?? ''}\n${request.query}`;
    let known = shareable.get(key);
    if (known === undefined) {
      known = readsOnlyBuildAnswers(request);
      shareable.set(key, known);
    }
    return known;
  }

  return {
    async lookup({ body, headers, caller }) {
      if (!isRequest(body) || options.trustedRoles?.includes(caller.role as Role) || !isShareable(body)) return undefined;
      const build = await builds.current().catch(() => undefined);
      // No build yet (the answer is an error) or no answer from analytics: run the request.
      if (!build) return undefined;
      if (build !== lastBuild) {
        // Answers of an earlier build are never right again.
        responses.clear();
        lastBuild = build;
      }
      const key = answerKey(build, caller, headers.get('accept'), body);
      // Variables nested too deep to serialise (issue 16: 8,000 levels) make no key: the request runs, unkept.
      if (key === undefined) return undefined;
      const entry: CacheEntry = {
        response: responses.get(key),
        async store(answer) {
          // Apollo Server writes `errors` before `data`: an answer that starts with data has none.
          if (answer.status !== 200 || !answer.body.startsWith('{"data":')) return;
          const after = await builds.current().catch(() => undefined);
          if (after === build) responses.set(key, answer);
        },
      };
      return entry;
    },
  };
}

function isRequest(body: unknown): body is Request {
  if (typeof body !== 'object' || body === null) return false;
  const { query, extensions } = body as Record<string, unknown>;
  // Persisted-query hashes without text are resolved by Apollo Server; those run.
  return typeof query === 'string' && extensions === undefined;
}

/** A query whose root fields (bar __typename) are all build-answered, without directives that could change it. */
function readsOnlyBuildAnswers(request: Request): boolean {
  let operation;
  try {
    operation = getOperationAST(parse(request.query, { maxTokens: MAX_TOKENS, noLocation: true }), request.operationName ?? undefined);
  } catch {
    return false;
  }
  if (!operation || operation.operation !== 'query' || operation.directives?.length) return false;
  const names: string[] = [];
  for (const s of operation.selectionSet.selections) {
    if (s.kind !== Kind.FIELD || s.directives?.length) return false;
    if (s.name.value !== '__typename') names.push(s.name.value);
  }
  return names.length > 0 && names.every((name) => BUILD_ANSWERED_FIELDS.has(name));
}

/**
 * Everything an answer depends on besides the build's contents; the accept header picks the
 * content type. Undefined when the request cannot be serialised (JSON.stringify recurses, and
 * throws on values nested deeper than its stack).
 */
function answerKey(build: string, caller: Caller, accept: string | undefined, request: Request): string | undefined {
  let text: string;
  try {
    text = JSON.stringify([build, caller.role, caller.region ?? null, accept ?? null, request.query, request.operationName ?? null, request.variables ?? null]);
  } catch {
    return undefined;
  }
  return createHash('sha256').update(text).digest('base64url');
}

/**
 * The analytics build, asked at most once at a time. A request that comes while a question
 * is under way (which may have been answered before the request came) waits for the next one.
 */
class BuildWatch {
  private underWay?: Promise<string | null>;
  private next?: Promise<string | null>;

  constructor(
    private readonly url: URL,
    private readonly timeoutMs: number,
  ) {}

  current(): Promise<string | null> {
    if (!this.underWay) return this.ask();
    this.next ??= this.underWay
      .catch(() => null)
      .then(() => {
        this.next = undefined;
        return this.ask();
      });
    return this.next;
  }

  private ask(): Promise<string | null> {
    const asked = (async () => {
      const res = await fetch(this.url, { signal: AbortSignal.timeout(this.timeoutMs) });
      if (!res.ok) throw new Error(`${this.url} answered ${res.status}`);
      const { build } = (await res.json()) as { build: string | null };
      return build;
    })();
    this.underWay = asked;
    void asked.catch(() => {}).finally(() => {
      if (this.underWay === asked) this.underWay = undefined;
    });
    return asked;
  }
}
