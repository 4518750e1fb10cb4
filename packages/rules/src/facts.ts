/**
 * What the decision needs to know about one NIK, source by source. Each source either
 * answered (`ok: true`) or could not (`ok: false` with why): a source that cannot
 * answer makes its checks UNKNOWN, never PASS (RULES.md).
 */
import type { SourceName } from './rule-set.js';

export type Answer<T> = { ok: true; value: T } | { ok: false; reason: string };

/** The person as population records them; absent when the NIK is not in population. */
export interface PersonFacts {
  fullName: string;
  kk: string;
  villageCode: string;
  deathDate: string | null;
}

export interface DoseFacts {
  dose: number;
  administeredOn: string;
}

export interface ServiceFacts {
  corps: 'ASN' | 'TNI' | 'POLRI';
  agency: string;
  startDate: string;
  endDate: string | null;
}

export interface DisbursementFacts {
  /** The person paid. */
  nik: string;
  programCode: string;
  disbursedOn: string;
}

export interface DtksFacts {
  status: 'ACTIVE' | 'INACTIVE';
  statusReason: string | null;
  /** Null while pending verification (a person admitted through a proposal, until an import brings a decile). */
  decile: number | null;
}

export interface EligibilityFacts {
  nik: string;
  /** The name the caller gave, if any (IDENTITY compares it). */
  name?: string | null;
  /**
   * The programme the question is asked for, if any (RULES.md, "Programme context"): its
   * own disbursements do not count against NO_PRIOR_AID or FAMILY_NOT_RECEIVING.
   */
  program?: string | null;
  population: Answer<PersonFacts | null>;
  vaccination: Answer<readonly DoseFacts[]>;
  civilService: Answer<readonly ServiceFacts[]>;
  /** Disbursements to this NIK (NO_PRIOR_AID). */
  aid: Answer<readonly DisbursementFacts[]>;
  /** Disbursements to every member of the person's current family, the person included (FAMILY_NOT_RECEIVING). */
  familyAid: Answer<readonly DisbursementFacts[]>;
  dtks: Answer<DtksFacts | null>;
}

/** Which answer of the facts each source gives. */
export const SOURCE_OF_FACT: Record<Exclude<keyof EligibilityFacts, 'nik' | 'name' | 'program'>, SourceName> = {
  population: 'population',
  vaccination: 'vaccination',
  civilService: 'civil-service',
  aid: 'aid-history',
  familyAid: 'aid-history',
  dtks: 'dtks',
};
