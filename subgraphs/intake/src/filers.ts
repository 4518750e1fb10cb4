/**
 * Who may file or work a case for whom (API.md, Access and Workflows): a citizen for
 * themselves; a REGIONAL_APP, FACILITATOR or OPERATOR for people domiciled in its region
 * only. For a region-bound caller a person outside its region and a NIK population does
 * not know get the same refusal, so the hub is no oracle of who lives where.
 */
import { inCallerRegion, isRegionBound, type Caller } from '@tepat/auth';
import { forbidden } from '@tepat/subgraph-kit';
import { GraphQLError } from 'graphql';
import type { CaseRow } from './db.js';
import { hubUnavailable, type PersonInfo } from './hub.js';

/** The person's village when the caller may file for them; throws otherwise. */
export function villageFiledFor(caller: Caller, person: PersonInfo | null | 'unconfirmed'): string | null {
  if (!isRegionBound(caller)) return person && person !== 'unconfirmed' ? person.villageCode : null;
  if (person === 'unconfirmed') throw hubUnavailable('population could not confirm where the person lives');
  if (!person || !inCallerRegion(caller, person.villageCode)) throw forbidden(caller, 'cases of people not domiciled in its region');
  return person.villageCode;
}

/** A case a region-bound caller works must be in its region. */
export function requireInRegion(caller: Caller, kase: CaseRow): void {
  if (isRegionBound(caller) && !inCallerRegion(caller, kase.villageCode)) throw forbidden(caller, 'cases of people not domiciled in its region');
}

/** The answer to a citizen who has used up the attempts for a NIK (API.md: stricter limits for the public). */
export function tooManyAttempts(): GraphQLError {
  return new GraphQLError('Too many attempts with this NIK; try again in an hour.', { extensions: { code: 'RATE_LIMITED' } });
}
