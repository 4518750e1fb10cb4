/**
 * Inside the hub. Subgraphs accept requests only from the gateway: the gateway verifies the
 * caller's token, then forwards the caller to each subgraph as a short-lived token signed
 * with the hub's internal key (header `x-tepat-caller`). The hub's own services that call
 * the gateway (eligibility gathering facts) present a service token signed with the same
 * key. Neither can be made with `tepat token`'s key, and each has its own audience, so one
 * kind is never accepted as the other.
 */
import { decodeJwt, SignJWT } from 'jose';
import { LRUCache } from 'lru-cache';
import { isCallerRegion, isRole, SERVICE_ROLE, type Caller } from './caller.js';
import { AuthError, verifyJwt, type TokenVerifier } from './tokens.js';
import { VerifiedTokens, verifiedTokensOf } from './verified-tokens.js';

export const FORWARDED_CALLER_HEADER = 'x-tepat-caller';

const INTERNAL_ISSUER = 'tepat-hub';
const SUBGRAPH_AUDIENCE = 'tepat-subgraph';
const SERVICE_AUDIENCE = 'tepat-service';
const ALGORITHMS = ['HS256'];

/** Long enough for one request's fetches, short enough that a captured header is soon useless. */
const FORWARDED_TTL_SECONDS = 2 * 60;
/**
 * How long one signed caller serves every request of the same caller: half its life, so a
 * subgraph always gets a header with at least a minute to run, and the subgraphs' cache of
 * verified callers (verified-tokens.ts) hits instead of checking a new signature per request.
 */
const FORWARDED_REUSE_MS = (FORWARDED_TTL_SECONDS / 2) * 1000;
const SERVICE_TTL_SECONDS = 10 * 60;

/** Signed callers by internal key, then by the claims they carry. */
const signedCallers = new WeakMap<object, LRUCache<string, Promise<string>>>();
const verifiedCallers = new WeakMap<object, VerifiedTokens<Caller>>();

/** The header value the gateway sends each subgraph for this caller. */
export function signForwardedCaller(caller: Caller, internalKey: Uint8Array): Promise<string> {
  const claims: Record<string, string> = { role: caller.role };
  if (caller.region) claims.region = caller.region;
  if (caller.purpose) claims.purpose = caller.purpose;
  let signed = signedCallers.get(internalKey);
  if (!signed) signedCallers.set(internalKey, (signed = new LRUCache({ max: 10_000, ttl: FORWARDED_REUSE_MS })));
  const key = JSON.stringify([claims, caller.subject ?? null]);
  let token = signed.get(key);
  if (!token) {
    const jwt = new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(INTERNAL_ISSUER)
      .setAudience(SUBGRAPH_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(Math.floor(Date.now() / 1000) + FORWARDED_TTL_SECONDS);
    if (caller.subject) jwt.setSubject(caller.subject);
    token = jwt.sign(internalKey);
    signed.set(key, token);
    // A signature that failed is not kept for the next request.
    token.catch(() => signed.delete(key));
  }
  return token;
}

/** The caller a subgraph request carries; throws AuthError when it carries none or a bad one. */
export async function verifyForwardedCaller(header: string | string[] | undefined, internalKey: Uint8Array): Promise<Caller> {
  if (typeof header !== 'string' || !header) {
    throw new AuthError('This service answers the gateway only: send requests to the hub\'s endpoint.');
  }
  return verifiedTokensOf(verifiedCallers, internalKey).get(header, async () => {
    const payload = await verifyJwt(header, internalKey, { issuer: INTERNAL_ISSUER, audience: SUBGRAPH_AUDIENCE, algorithms: ALGORITHMS });
    const { role, region, purpose, sub } = payload;
    if (role !== SERVICE_ROLE && !isRole(role)) throw new AuthError('The forwarded caller has no known role.');
    if (region !== undefined && (typeof region !== 'string' || !isCallerRegion(region))) throw new AuthError('The forwarded caller has a malformed region.');
    const caller: Caller = {
      role,
      ...(typeof region === 'string' ? { region } : {}),
      ...(typeof sub === 'string' ? { subject: sub } : {}),
      ...(typeof purpose === 'string' ? { purpose } : {}),
    };
    return { value: caller, exp: payload.exp! };
  });
}

/**
 * A bearer token for one of the hub's own services calling the gateway, renewed before it
 * expires. The service acts as itself (role SERVICE), not as whoever asked it.
 */
export function serviceTokens(service: string, internalKey: Uint8Array): () => Promise<string> {
  let current: { token: string; renewAt: number } | undefined;
  return async () => {
    const now = Date.now() / 1000;
    if (!current || now >= current.renewAt) {
      const token = await new SignJWT({ role: SERVICE_ROLE })
        .setProtectedHeader({ alg: 'HS256' })
        .setIssuer(INTERNAL_ISSUER)
        .setAudience(SERVICE_AUDIENCE)
        .setSubject(service)
        .setIssuedAt()
        .setExpirationTime(Math.floor(now) + SERVICE_TTL_SECONDS)
        .sign(internalKey);
      current = { token, renewAt: now + SERVICE_TTL_SECONDS / 2 };
    }
    return current.token;
  };
}

/**
 * The gateway's verifier: callers' tokens by `users`, and the hub's service tokens (told
 * apart by their audience, then verified with the internal key like any other).
 */
export function withServiceTokens(users: TokenVerifier, internalKey: Uint8Array): TokenVerifier {
  const verified = new VerifiedTokens<Caller>();
  return {
    async verify(authorization) {
      const token = /^Bearer (\S+)$/.exec(authorization?.trim() ?? '')?.[1];
      if (!token || audienceOf(token) !== SERVICE_AUDIENCE) return users.verify(authorization);
      return verified.get(token, async () => {
        const payload = await verifyJwt(token, internalKey, { issuer: INTERNAL_ISSUER, audience: SERVICE_AUDIENCE, algorithms: ALGORITHMS });
        if (payload.role !== SERVICE_ROLE || typeof payload.sub !== 'string') throw new AuthError('The service token names no service.');
        return { value: { role: SERVICE_ROLE, subject: payload.sub }, exp: payload.exp! };
      });
    },
  };
}

/** The unverified audience of a JWT, only to choose how to verify it. */
function audienceOf(token: string): unknown {
  try {
    return decodeJwt(token).aud;
  } catch {
    return undefined;
  }
}
