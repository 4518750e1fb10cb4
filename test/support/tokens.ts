/**
 * Tokens for tests that run the hub as processes: signed with the key the hub makes in its
 * data directory, as `tepat token` does.
 */
import { dataDirKey, FORWARDED_CALLER_HEADER, issueToken, signForwardedCaller, type Role } from '@tepat/auth';

export type Claims = { role: Role; region?: string; subject?: string; purpose?: string };

/** Request headers for a caller whose token is signed with `key`: the bearer token, and the purpose when stated. */
export async function headersWithKey(key: Uint8Array, claims: Claims): Promise<Record<string, string>> {
  const { purpose, ...token } = claims;
  const headers: Record<string, string> = { 'content-type': 'application/json', authorization: `Bearer ${await issueToken(token, key)}` };
  if (purpose) headers['x-tepat-purpose'] = purpose;
  return headers;
}

/** Request headers for a caller of the hub whose data directory is `dataDir`. */
export function headersAs(dataDir: string, claims: Claims): Promise<Record<string, string>> {
  return headersWithKey(dataDirKey(dataDir, 'jwt'), claims);
}

/** Headers for a request straight to a subgraph, as the gateway sends it: the caller signed with the internal key. */
export async function forwardedHeaders(dataDir: string, claims: Claims): Promise<Record<string, string>> {
  return { 'content-type': 'application/json', [FORWARDED_CALLER_HEADER]: await signForwardedCaller(claims, dataDirKey(dataDir, 'internal')) };
}

export const AUDITOR: Claims = { role: 'AUDITOR', subject: 'test-auditor', purpose: 'test case' };
export const ADMIN: Claims = { role: 'ADMIN', subject: 'test-admin' };
