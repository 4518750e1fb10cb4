/**
 * Tokens already verified, kept by their exact text until they expire or for a minute,
 * whichever comes first. Every request through the hub carries two: the caller's bearer
 * token to the gateway and the caller the gateway signs for each subgraph. Checking an HS256
 * signature through WebCrypto was the largest share of our own code in the gateway's and each
 * source's CPU profile (issue 20; bench/README.md, eligibility). The same bytes verify the same
 * way until their `exp`, so a hit is as good as a check; the minute bounds how long a key an
 * identity provider withdrew still admits the tokens it signed. Only successes are kept: a
 * refused token is checked again each time, with its reason.
 */
import { LRUCache } from 'lru-cache';

/** The longest a verified token is trusted without checking it again. */
const KEPT_AT_MOST_MS = 60_000;

export class VerifiedTokens<T extends {}> {
  private readonly kept = new LRUCache<string, T>({ max: 10_000 });

  /** The value verified for `token`, verifying it with `verify` when it is not kept. */
  async get(token: string, verify: () => Promise<{ value: T; exp: number }>): Promise<T> {
    const hit = this.kept.get(token);
    if (hit !== undefined) return hit;
    const { value, exp } = await verify();
    const ttl = Math.min(exp * 1000 - Date.now(), KEPT_AT_MOST_MS);
    if (ttl > 0) this.kept.set(token, value, { ttl });
    return value;
  }
}

/** One cache per key: tokens verified with one key say nothing about another. */
export function verifiedTokensOf<T extends {}>(caches: WeakMap<object, VerifiedTokens<T>>, key: object): VerifiedTokens<T> {
  let cache = caches.get(key);
  if (!cache) caches.set(key, (cache = new VerifiedTokens<T>()));
  return cache;
}
