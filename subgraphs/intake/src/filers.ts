/**
 * Who may file or work a case for whom (API.md, Access and Workflows): a citizen for
 * themselves; a REGIONAL_APP, FACILITATOR or OPERATOR for people domiciled in its region
 * only. For a region-bound caller a person outside its region and a NIK population does
 * not know get the same refusal, so the hub is no oracle of who lives where.
 */
import { inCallerRegion, isRegionBound, type Caller } from '@tepat/auth';
import { forbidden } from '@tepat/subgraph-kit';
import { GraphQLError } from 'graphql';
import { answered, requestKey, type RequestKey } from './cases.js';
import type { Context } from './context.js';
import type { CaseRow } from './db.js';
import { hubUnavailable, personOf, villageOf, type PersonAnswer } from './hub.js';

/** The person's village when the caller may file for them; throws otherwise. */
export function villageFiledFor(caller: Caller, person: PersonAnswer): string | null {
  if (!isRegionBound(caller)) return villageOf(person);
  if (person === 'unconfirmed') throw hubUnavailable('population could not confirm where the person lives');
  if (!person || !inCallerRegion(caller, person.villageCode)) throw forbidden(caller, 'cases of people not domiciled in its region');
  return person.villageCode;
}

/**
 * Where the person lives, asked before anything is decided about them when the caller is
 * region-bound (refused outside its region, as villageFiledFor); undefined for anyone else,
 * whose filing asks population beside the decision instead (one pass through the gateway).
 */
export async function villageBeforeDeciding(ctx: Context, nik: string): Promise<string | null | undefined> {
  return isRegionBound(ctx.caller) ? villageFiledFor(ctx.caller, await personOf(ctx.service.gateway, nik)) : undefined;
}

/** A case a region-bound caller works must be in its region. */
export function requireInRegion(caller: Caller, kase: CaseRow): void {
  if (isRegionBound(caller) && !inCallerRegion(caller, kase.villageCode)) throw forbidden(caller, 'cases of people not domiciled in its region');
}

/** The answer to a citizen who has used up the attempts for a NIK (API.md: stricter limits for the public). */
export function tooManyAttempts(): GraphQLError {
  return new GraphQLError('Too many attempts with this NIK; try again in an hour.', { extensions: { code: 'RATE_LIMITED' } });
}

/**
 * The first steps of filing a case about a person (API.md, Workflows): the request's key and
 * the answer already given to it (a retry gets the same case); and for the public, the
 * NIK's attempts at a name, which the recipient check's guard counts too.
 */
export async function beginFiling(
  ctx: Context,
  operation: string,
  requestId: string,
  args: unknown,
  nik: string,
): Promise<{ key: RequestKey; earlier?: CaseRow; nameFailed(): Promise<void> }> {
  const key = requestKey(operation, requestId, args);
  const earlier = await answered(ctx.sql, key);
  if (earlier) return { key, earlier, nameFailed: async () => {} };
  const publicCaller = ctx.caller.role === 'PUBLIC';
  if (publicCaller && (await ctx.service.nameGuard.locked(nik))) throw tooManyAttempts();
  return { key, nameFailed: async () => (publicCaller ? ctx.service.nameGuard.failed(nik) : undefined) };
}
