/** Rule sets as data (RULES.md): a code, a version, a region, checks and their parameters. */

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
