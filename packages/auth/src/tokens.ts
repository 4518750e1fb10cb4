/**
 * Bearer tokens (API.md "Access"): HS256 with the hub's own key for development and single
 * machines (`tepat token`), or keys from a JWKS URL for deployments with an identity
 * provider. Verification is jose's; this module only says which rule a token broke.
 */
import { createRemoteJWKSet, decodeProtectedHeader, errors, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import { isCallerRegion, isRole, REGION_BOUND_ROLES, type Caller, type Role } from './caller.js';
import { VerifiedTokens } from './verified-tokens.js';

/** Issuer and audience of the tokens `tepat token` makes. */
export const HUB_ISSUER = 'tepat';
export const HUB_AUDIENCE = 'tepat';

/** A token that cannot be accepted; the message says why, for the caller to fix. */
export class AuthError extends Error {
  override name = 'AuthError';
}

/** Where the keys that sign callers' tokens come from. */
export type TokenKeys =
  | { kind: 'secret'; secret: Uint8Array; issuer?: string; audience?: string }
  | { kind: 'jwks'; url: string; issuer?: string; audience?: string };

export interface TokenRequest {
  role: Role;
  region?: string;
  subject?: string;
  /** How long the token lives: jose's time span, e.g. `8h`, `30m`, `7d`. */
  ttl?: string;
}

/** Checks what a token may claim: a known role, and a region exactly when the role needs one. */
function checkClaims(role: unknown, region: unknown): { role: Role; region?: string } {
  if (!isRole(role)) throw new AuthError(`The token's role ${JSON.stringify(role)} is not one of the hub's roles.`);
  const bound = REGION_BOUND_ROLES.includes(role);
  if (bound && (typeof region !== 'string' || !isCallerRegion(region))) {
    throw new AuthError(`A ${role} token must name its region: a province, regency, district or village code such as 35.10.`);
  }
  if (!bound && region !== undefined) throw new AuthError(`A ${role} token is not bound to a region; it must not name one.`);
  return bound ? { role, region: region as string } : { role };
}

/**
 * The subject, when the token names one: a string of at most 255 characters, as OpenID
 * Connect Core 1.0 §2 defines `sub`. Anything else is a malformed claim, refused like the
 * others (issue 16: a number here reached the forwarded caller's signing and gave a 500).
 */
function checkSubject(sub: unknown): string | undefined {
  if (sub === undefined) return undefined;
  if (typeof sub !== 'string' || sub.length > MAX_SUBJECT_LENGTH) {
    throw new AuthError(`The token's "sub" claim must be a string of at most ${MAX_SUBJECT_LENGTH} characters.`);
  }
  return sub;
}

const MAX_SUBJECT_LENGTH = 255;

/** Signs a token with the hub's key (HS256). */
export async function issueToken(request: TokenRequest, secret: Uint8Array): Promise<string> {
  if (!isRole(request.role) || request.role === 'PUBLIC') {
    throw new AuthError(`A token's role must be one of REGIONAL_APP, FACILITATOR, OPERATOR, ANALYST, AUDITOR, ADMIN (not ${request.role}).`);
  }
  const claims = checkClaims(request.role, request.region);
  const jwt = new SignJWT({ ...claims })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(HUB_ISSUER)
    .setAudience(HUB_AUDIENCE)
    .setIssuedAt()
    .setNotBefore('0s');
  if (request.subject) jwt.setSubject(checkSubject(request.subject)!);
  try {
    jwt.setExpirationTime(request.ttl ?? '8h');
  } catch {
    throw new AuthError(`The time to live ${JSON.stringify(request.ttl)} is not a duration such as 30m, 8h or 7d.`);
  }
  return jwt.sign(secret);
}

/** Verifies `Authorization` headers into callers. */
export interface TokenVerifier {
  /** The caller a header proves; PUBLIC without one. Throws AuthError for any other header. */
  verify(authorization: string | undefined): Promise<Caller>;
}

export function createTokenVerifier(keys: TokenKeys): TokenVerifier {
  const issuer = keys.issuer ?? HUB_ISSUER;
  const audience = keys.audience ?? HUB_AUDIENCE;
  const key = keys.kind === 'secret' ? keys.secret : createRemoteJWKSet(new URL(keys.url));
  // Symmetric keys for our own tokens, public keys from a provider; never both, never none.
  const algorithms = keys.kind === 'secret' ? ['HS256'] : ['RS256', 'PS256', 'ES256', 'EdDSA'];
  const verified = new VerifiedTokens<Caller>();

  return {
    async verify(authorization) {
      if (authorization === undefined || authorization === '') return { role: 'PUBLIC' };
      const match = /^Bearer ([A-Za-z0-9_.~+/=-]+)$/.exec(authorization.trim());
      if (!match) throw new AuthError('The Authorization header must be "Bearer <token>".');
      const token = match[1]!;
      return verified.get(token, async () => {
        const payload = await verifyJwt(token, key as never, { issuer, audience, algorithms });
        const claims = checkClaims(payload.role, payload.region);
        const subject = checkSubject(payload.sub);
        return { value: { ...claims, ...(subject ? { subject } : {}) }, exp: payload.exp! };
      });
    },
  };
}

/** jose's verification, with each failure turned into a message that names it. */
export async function verifyJwt(
  token: string,
  key: Uint8Array | Parameters<typeof jwtVerify>[1],
  options: { issuer: string; audience: string; algorithms: string[] },
): Promise<JWTPayload> {
  let alg: unknown;
  try {
    alg = decodeProtectedHeader(token).alg;
  } catch {
    throw new AuthError('The token is malformed: it is not a signed JWT (header.payload.signature).');
  }
  if (typeof alg !== 'string' || alg.toLowerCase() === 'none') throw new AuthError('The token is unsigned (alg: none); only signed tokens are accepted.');
  if (!options.algorithms.includes(alg)) throw new AuthError(`The token is signed with ${alg}; this hub accepts ${options.algorithms.join(', ')}.`);
  try {
    const { payload } = await jwtVerify(token, key as never, { ...options, requiredClaims: ['exp'] });
    return payload;
  } catch (error) {
    throw new AuthError(explain(error));
  }
}

function explain(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'The token has expired.';
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'nbf') return 'The token is not valid yet (nbf is in the future).';
    if (error.claim === 'iat') return 'The token is not valid yet (issued in the future).';
    if (error.claim === 'exp') return 'The token has no expiry (exp); tokens must expire.';
    return `The token's "${error.claim}" claim is not accepted here (${error.reason}).`;
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'The token signature is wrong: it was not signed with this hub\'s key.';
  if (error instanceof errors.JWKSNoMatchingKey) return 'The token was signed with a key the identity provider does not publish.';
  if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid) return 'The identity provider\'s keys could not be read; try again.';
  if (error instanceof errors.JOSEAlgNotAllowed) return 'The token is signed with an algorithm this hub does not accept.';
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid) return 'The token is malformed.';
  return 'The token could not be verified.';
}
