/** The hub's roles (packages/auth/src/policy.ts) as far as the app needs them: which menu each sees. */
export const ROLES = ['PUBLIC', 'REGIONAL_APP', 'FACILITATOR', 'OPERATOR', 'ANALYST', 'AUDITOR', 'ADMIN'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/**
 * The claims a pasted token carries, read without checking its signature: they only choose
 * the menu. The hub verifies the token on every request and refuses what the role may not do.
 */
export interface TokenClaims {
  role: Role;
  region?: string;
  subject?: string;
  expiresAt?: Date;
}

export function readClaims(token: string): TokenClaims | undefined {
  const payload = token.split('.')[1];
  if (!payload) return undefined;
  try {
    const json = JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(payload.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0))));
    if (!isRole(json.role)) return undefined;
    return {
      role: json.role,
      region: typeof json.region === 'string' ? json.region : undefined,
      subject: typeof json.sub === 'string' ? json.sub : undefined,
      expiresAt: typeof json.exp === 'number' ? new Date(json.exp * 1000) : undefined,
    };
  } catch {
    return undefined;
  }
}
