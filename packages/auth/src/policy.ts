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
  /**
   * Eligibility decisions; REGIONAL_APP and OPERATOR for people domiciled in their region
   * only; SERVICE for intake, which decides applications and reports through them.
   */
  checkEligibility: list('REGIONAL_APP', 'OPERATOR', 'AUDITOR', 'ADMIN', SERVICE_ROLE),
  /**
   * The public workflows (API.md, Workflows): a citizen for themselves, a REGIONAL_APP or a
   * FACILITATOR for people domiciled in its region.
   */
  fileCases: list('PUBLIC', 'REGIONAL_APP', 'FACILITATOR'),
  /** Usul-sanggah (Portal Bansos Digital, Cek Bansos): a citizen, an app or a facilitator for people of its region, or an operator. */
  fileProposals: list('PUBLIC', 'REGIONAL_APP', 'FACILITATOR', 'OPERATOR'),
  /** A complaint at a help desk (Bengkulu Utara's posko keluhan): a citizen, a facilitator, or the operator at the desk. */
  fileComplaints: list('PUBLIC', 'FACILITATOR', 'OPERATOR'),
  /** The recipient check and following a case by its receipt and the person's NIK: anyone. */
  followCases: list(...ROLES),
  /**
   * Cases listed: a REGIONAL_APP's region's applications, a FACILITATOR's own cases, an
   * OPERATOR's region's queue; AUDITOR everything.
   */
  listCases: list('REGIONAL_APP', 'FACILITATOR', 'OPERATOR', 'AUDITOR'),
  /** Working a region's queue: verifying or dismissing reports, moving complaints on, deciding pending applications again. */
  workCases: list('OPERATOR'),
  /**
   * Deactivating and reactivating DTKS members (SIKS-NG): OPERATOR for people domiciled in
   * its region; SERVICE for intake carrying out an upheld objection.
   */
  curateDtks: list('OPERATOR', SERVICE_ROLE),
  /** Admitting a proposed person to DTKS: intake, once an operator accepted the proposal. */
  admitToDtks: list(SERVICE_ROLE),
  readDecisionLog: list('AUDITOR', 'ADMIN'),
  readAccessLog: list('ADMIN'),
  /** The decision and access logs' hash chains checked: positions and hashes, no person in them. */
  verifyLogChains: list('AUDITOR', 'ADMIN'),
  manageRuleSets: list('ADMIN'),
  /** Targeting metrics: counts, sums and rates by programme, month and region, no person in them. */
  readAggregates: list('ANALYST', 'AUDITOR', 'ADMIN'),
  /** Figures resting on fewer than k units (API.md, Small cells): everyone else reads them suppressed. */
  seeSmallCells: list('AUDITOR', 'ADMIN'),
  /** The disbursements behind a leakage figure: personal data, so auditors only, and logged. */
  readLeakageCases: list('AUDITOR'),
  /**
   * The data-quality queues' items (issue 18), people and payments the sources disagree on:
   * personal data. OPERATOR for its region's only, since operators fix them; AUDITOR, with a
   * purpose, anywhere. Logged like every personal read.
   */
  readQualityItems: list('OPERATOR', 'AUDITOR'),
  /** How many data-quality items each region has: counts, no person in them; OPERATOR within its region. */
  readQualityCounts: list('ANALYST', 'AUDITOR', 'ADMIN', 'OPERATOR'),
  /** The hub's own plumbing: eligibility gathering facts, the gateway writing the access log. */
  gatherFacts: list(SERVICE_ROLE),
  recordAccess: list(SERVICE_ROLE),
} as const;
