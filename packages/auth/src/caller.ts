/**
 * Who is asking (API.md "Access"): a role, the region a region-bound role is tied to, and
 * the subject the token names. Every authorisation rule of the hub reads this one type.
 */
import { regionLevelOf } from '@tepat/core';

/**
 * The roles a token can carry. `PUBLIC` is the caller without a token. `FACILITATOR` is a
 * social facilitator or village officer acting for people without phones (API.md,
 * Workflows; Portal Bansos Digital's pendamping).
 */
export const ROLES = ['PUBLIC', 'REGIONAL_APP', 'FACILITATOR', 'OPERATOR', 'ANALYST', 'AUDITOR', 'ADMIN'] as const;
export type Role = (typeof ROLES)[number];

/**
 * The hub's own services calling through the gateway (eligibility gathering facts, the
 * gateway writing the access log). Only a token signed with the hub's internal key carries
 * it; `tepat token` cannot issue it.
 */
export const SERVICE_ROLE = 'SERVICE';
export type CallerRole = Role | typeof SERVICE_ROLE;

/** Roles whose token names the region they work in; they see people domiciled there only. */
export const REGION_BOUND_ROLES: readonly Role[] = ['REGIONAL_APP', 'FACILITATOR', 'OPERATOR'];

/** Roles that see other people's NIKs and names unmasked. */
export const UNMASKED_ROLES: readonly CallerRole[] = ['AUDITOR', 'ADMIN', SERVICE_ROLE];

/** Roles whose every read of personal data goes to the access log. */
export const LOGGED_ROLES: readonly CallerRole[] = ['AUDITOR', 'OPERATOR', 'FACILITATOR'];

export interface Caller {
  role: CallerRole;
  /** A Kemendagri code (province, regency, district or village) for region-bound roles. */
  region?: string;
  /** Who the token was issued to, e.g. `banyuwangi-app` or an officer's id. */
  subject?: string;
  /** The case or purpose an auditor states for a request (header `X-Tepat-Purpose`). */
  purpose?: string;
}

export const PUBLIC_CALLER: Caller = Object.freeze({ role: 'PUBLIC' });

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/**
 * The region levels a token may be bound to: down to a village, since SIKS-NG operators and
 * village facilitators work per kelurahan or desa.
 */
export function isCallerRegion(code: string): boolean {
  return regionLevelOf(code) !== null;
}

export function isRegionBound(caller: Caller): boolean {
  return (REGION_BOUND_ROLES as readonly string[]).includes(caller.role);
}

/**
 * Whether a region code (a person's village, or a region asked for) lies in the caller's
 * region. Callers that are not region-bound are not limited by region (their role decides
 * what they see).
 */
export function inCallerRegion(caller: Caller, code: string | null | undefined): boolean {
  if (!isRegionBound(caller)) return true;
  if (!caller.region || !code) return false;
  return code === caller.region || code.startsWith(`${caller.region}.`);
}
