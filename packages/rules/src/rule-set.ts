/** Rule sets as data (RULES.md): a code, a version, a region, checks and their parameters. */
import { badInput, regionLevelOf, type Regions } from '@tepat/core';

export const CHECK_CODES = [
  'IDENTITY',
  'ALIVE',
  'RESIDENT',
  'VACCINATED',
  'NOT_CIVIL_SERVANT',
  'NO_PRIOR_AID',
  'FAMILY_NOT_RECEIVING',
  'IN_DTKS',
  'WELFARE_DECILE',
] as const;
export type CheckCode = (typeof CHECK_CODES)[number];

/** The subgraphs each check rests on (RULES.md, "Checks"). */
export const CHECK_SOURCES: Record<CheckCode, readonly SourceName[]> = {
  IDENTITY: ['population'],
  ALIVE: ['population'],
  RESIDENT: ['population'],
  VACCINATED: ['vaccination'],
  NOT_CIVIL_SERVANT: ['civil-service'],
  NO_PRIOR_AID: ['aid-history'],
  FAMILY_NOT_RECEIVING: ['population', 'aid-history'],
  IN_DTKS: ['dtks'],
  WELFARE_DECILE: ['dtks'],
};
export type SourceName = 'population' | 'dtks' | 'vaccination' | 'civil-service' | 'aid-history';

export interface RuleSet {
  code: string;
  version: number;
  name: string;
  /** Kemendagri code RESIDENT checks against; null for a national rule set. */
  region: string | null;
  checks: readonly CheckCode[];
  /** WELFARE_DECILE passes at or below this decile. */
  decileThreshold: number | null;
  /** FAMILY_NOT_RECEIVING looks back this many days: D - lookback < disbursed_on <= D. */
  familyLookbackDays: number | null;
}

/**
 * The three rule sets of RULES.md, version 1 of each, and the cross-check every community
 * report gets (API.md, Workflows: submitReport), Banyuwangi's rule without its region.
 */
export const BUILT_IN_RULE_SETS: readonly RuleSet[] = [
  {
    code: 'IBAN',
    version: 1,
    name: "Jembrana's I-BAN: vaccinated, not TNI/Polri/ASN, never received aid",
    region: '51.01',
    checks: ['IDENTITY', 'ALIVE', 'RESIDENT', 'VACCINATED', 'NOT_CIVIL_SERVANT', 'NO_PRIOR_AID'],
    decileThreshold: null,
    familyLookbackDays: null,
  },
  {
    code: 'BANYUWANGI',
    version: 1,
    name: "Banyuwangi's Smart Kampung cross-check: no one on the family card already receives aid",
    region: '35.10',
    checks: ['IDENTITY', 'ALIVE', 'RESIDENT', 'FAMILY_NOT_RECEIVING'],
    decileThreshold: null,
    familyLookbackDays: 180,
  },
  {
    code: 'DTKS',
    version: 1,
    name: 'National targeting on DTKS: the poorest 40 %, active, no civil servants',
    region: null,
    checks: ['IDENTITY', 'ALIVE', 'IN_DTKS', 'WELFARE_DECILE', 'NOT_CIVIL_SERVANT'],
    decileThreshold: 4,
    familyLookbackDays: null,
  },
  {
    code: 'LAPORAN_WARGA',
    version: 1,
    name: "Community reports (Banyuwangi's Smart Kampung, nationwide): rejected when someone on the family card received aid in the last 180 days",
    region: null,
    checks: ['IDENTITY', 'FAMILY_NOT_RECEIVING'],
    decileThreshold: null,
    familyLookbackDays: 180,
  },
];

/** The rule set intake asks when a community report comes in (API.md, Workflows: submitReport). */
export const REPORT_RULE_SET = 'LAPORAN_WARGA';

/** A rule set as an ADMIN writes one: saved as the next version of its code, or simulated as a draft first. */
export interface RuleSetInput {
  code: string;
  name: string;
  region?: string | null;
  checks: string[];
  decileThreshold?: number | null;
  familyLookbackDays?: number | null;
}

/** What is wrong with a rule set, in words an operator can act on; empty when it is valid. */
export function ruleSetProblems(input: RuleSetInput, regions: Regions): string[] {
  const problems: string[] = [];
  if (!/^[A-Z0-9_]{1,40}$/.test(input.code)) problems.push('code must match [A-Z0-9_]+ (at most 40 characters)');
  if (input.name.trim() === '') problems.push('name must not be blank');
  const unknown = input.checks.filter((c) => !(CHECK_CODES as readonly string[]).includes(c));
  if (unknown.length) problems.push(`checks has unknown codes ${unknown.join(', ')} (known: ${CHECK_CODES.join(', ')})`);
  const repeated = input.checks.filter((c, i) => input.checks.indexOf(c) !== i);
  if (repeated.length) problems.push(`checks repeats ${[...new Set(repeated)].join(', ')}`);
  // IDENTITY first: no other fact means anything for a NIK population does not know (RULES.md).
  if (input.checks[0] !== 'IDENTITY') problems.push('checks must start with IDENTITY');
  const region = input.region ?? null;
  if (region !== null && (regionLevelOf(region) === null || regionLevelOf(region) === 'VILLAGE' || !regions.has(region))) {
    problems.push(`region ${region} is not a province, regency or district code in idn-area-data`);
  }
  if (input.checks.includes('RESIDENT') && region === null) problems.push('RESIDENT needs a region');
  const threshold = input.decileThreshold ?? null;
  if (input.checks.includes('WELFARE_DECILE') && threshold === null) problems.push('WELFARE_DECILE needs a decileThreshold');
  if (threshold !== null && (!Number.isInteger(threshold) || threshold < 1 || threshold > 10)) {
    problems.push('decileThreshold must be a whole decile from 1 to 10');
  }
  const lookback = input.familyLookbackDays ?? null;
  if (input.checks.includes('FAMILY_NOT_RECEIVING') && lookback === null) problems.push('FAMILY_NOT_RECEIVING needs familyLookbackDays');
  if (lookback !== null && (!Number.isInteger(lookback) || lookback < 1 || lookback > 3660)) {
    problems.push('familyLookbackDays must be a whole number of days from 1 to 3660');
  }
  return problems;
}

/**
 * Throws BAD_USER_INPUT naming `argument` with every problem of the input. Saving a rule set
 * and simulating a draft both check with this, so a draft that simulates is one that saves.
 */
export function checkRuleSetInput(input: RuleSetInput, regions: Regions, argument: string): void {
  const problems = ruleSetProblems(input, regions);
  if (problems.length) throw badInput(argument, `is not a valid rule set: ${problems.join('; ')}.`);
}
