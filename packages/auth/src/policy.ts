/**
 * Who may do what, by role (API.md "Access"). The subgraphs' schemas require these lists
 * in their `authScopes`, so the whole policy reads in one page and a change shows in review.
 */
import { ROLES, SERVICE_ROLE, type CallerRole } from './caller.js';

const list = (...roles: CallerRole[]): readonly CallerRole[] => Object.freeze(roles);

export const MAY = {
  /** Public reference data: programmes and rule sets (policy is public). */
  readReference: list(...ROLES, SERVICE_ROLE),
  /**
   * Raw registry records: population, DTKS, vaccination, civil service, aid history.
   * OPERATOR only for people domiciled in its region (population checks the domicile; the
   * other subgraphs are reached only through population's Person or Family).
   */
  readRecords: list('OPERATOR', 'AUDITOR', SERVICE_ROLE),
  /** A record looked up by NIK where no domicile is at hand to check a region against. */
  readRecordsAnywhere: list('AUDITOR', SERVICE_ROLE),
  /** Eligibility decisions; REGIONAL_APP and OPERATOR for people domiciled in their region only. */
  checkEligibility: list('REGIONAL_APP', 'OPERATOR', 'AUDITOR', 'ADMIN'),
  readDecisionLog: list('AUDITOR', 'ADMIN'),
  readAccessLog: list('ADMIN'),
  manageRuleSets: list('ADMIN'),
  /** Targeting metrics: counts, sums and rates by programme, month and region, no person in them. */
  readAggregates: list('ANALYST', 'AUDITOR', 'ADMIN'),
  /** The disbursements behind a leakage figure: personal data, so auditors only, and logged. */
  readLeakageCases: list('AUDITOR'),
  /** The hub's own plumbing: eligibility gathering facts, the gateway writing the access log. */
  gatherFacts: list(SERVICE_ROLE),
  recordAccess: list(SERVICE_ROLE),
} as const;
