/**
 * Region-bound callers (REGIONAL_APP, OPERATOR) decide only on people domiciled in their
 * region. Population's answer says where a NIK lives; a NIK population does not know is no
 * one's resident, so it gets the contract's answer (IDENTITY fails) everywhere.
 */
import { inCallerRegion, isRegionBound, type Caller } from '@tepat/auth';
import type { EligibilityFacts } from '@tepat/rules';
import { unanswered } from './facts.js';

type Facts = Omit<EligibilityFacts, 'name' | 'program'>;

export type Reach = 'IN' | 'OUTSIDE' | 'UNCONFIRMED';

export function reachOf(caller: Caller, facts: Facts): Reach {
  if (!isRegionBound(caller)) return 'IN';
  if (!facts.population.ok) return 'UNCONFIRMED';
  const person = facts.population.value;
  if (person === null) return 'IN';
  return inCallerRegion(caller, person.villageCode) ? 'IN' : 'OUTSIDE';
}

/**
 * The facts a region-bound caller may be decided on: when population cannot say where the
 * person lives, no source's facts are used (every check UNKNOWN), so nothing about a
 * person outside the region leaks through reasons or evidence.
 */
export function factsWithinReach(reach: Reach, facts: Facts): Facts {
  return reach === 'UNCONFIRMED'
    ? unanswered(facts.nik, 'population could not confirm that this NIK is domiciled in your region')
    : facts;
}
