/**
 * Region-bound callers (REGIONAL_APP, OPERATOR) decide only on people domiciled in their
 * region. Population's answer says where a NIK lives. A person domiciled elsewhere is
 * answered exactly as a NIK population does not know (IDENTITY fails, nothing else is
 * evaluated), so a region-bound caller cannot tell "lives elsewhere" from "does not exist"
 * (issue 21: no existence oracle; API.md, Access).
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
 * The facts a region-bound caller may be decided on: a person outside the region is no one
 * population knows, and when population cannot say where the person lives no source's
 * facts are used (every check UNKNOWN); either way nothing about a person outside the
 * region leaks through reasons or evidence.
 */
export function factsWithinReach(reach: Reach, facts: Facts): Facts {
  if (reach === 'OUTSIDE') return { ...unanswered(facts.nik, 'not asked'), population: { ok: true, value: null } };
  return reach === 'UNCONFIRMED'
    ? unanswered(facts.nik, 'population could not confirm that this NIK is domiciled in your region')
    : facts;
}
