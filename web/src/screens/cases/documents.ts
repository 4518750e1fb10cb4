/**
 * What every screen that shows a case asks of it (API.md, Workflows; the `Case` interface of
 * the intake subgraph): the citizen following one by receipt, the facilitator's list, the
 * operator's queue. Unmasked fragments, so a screen reads their fields directly; the words
 * written for people (reasons) come in the language the screen is in.
 */
import { graphql } from '../../graphql/graphql.ts';

export const CaseEventFields = graphql(`
  fragment CaseEventFields on CaseEvent @_unmask {
    at
    by {
      role
      subject
      region
    }
    onBehalfOf
    fromStatus
    toStatus
    note
  }
`);

/** Every kind's common fields and what each kind adds. `caseStatus` is every kind's status in one enum. */
export const CaseFields = graphql(
  `
    fragment CaseFields on Case @_unmask {
      __typename
      receipt
      kind
      caseStatus
      nik
      program
      villageCode
      filedAt
      filedBy {
        role
        subject
        region
      }
      updatedAt
      closedAt
      dueOn
      overdue
      history {
        ...CaseEventFields
      }
      ... on Application {
        programName
        reasons(language: $language)
        collectionPoint {
          name
          address
          districtCode
        }
      }
      ... on Report {
        reasons(language: $language)
        reason
      }
      ... on Complaint {
        category
        description
        resolution
      }
      ... on Proposal {
        reason
        dtksWhenFiled
      }
      ... on Objection {
        dtksReason: reason
        note
        dtksWhenFiled
      }
    }
  `,
  [CaseEventFields],
);

export const CASE_KINDS = ['APPLICATION', 'REPORT', 'COMPLAINT', 'PROPOSAL', 'OBJECTION'] as const;
export type CaseKind = (typeof CASE_KINDS)[number];

export const CASE_STATUSES = ['PENDING', 'ACCEPTED', 'REJECTED', 'QUEUED', 'VERIFIED', 'DISMISSED', 'OPEN', 'IN_PROGRESS', 'RESOLVED', 'CLOSED', 'UPHELD', 'EXPIRED'] as const;

/** The statuses each kind goes through (the intake subgraph's per-kind enums), for the queue's filter. */
export const STATUSES_OF: Record<CaseKind, readonly (typeof CASE_STATUSES)[number][]> = {
  APPLICATION: ['PENDING', 'ACCEPTED', 'REJECTED'],
  REPORT: ['QUEUED', 'VERIFIED', 'DISMISSED', 'REJECTED'],
  COMPLAINT: ['OPEN', 'IN_PROGRESS', 'RESOLVED', 'CLOSED'],
  PROPOSAL: ['QUEUED', 'ACCEPTED', 'REJECTED'],
  OBJECTION: ['QUEUED', 'UPHELD', 'DISMISSED', 'EXPIRED'],
};

/** Receipts name their kind (subgraphs/intake/src/receipts.ts): PMH-…, LAP-…, ADU-…, USL-…, SGH-…. */
export const RECEIPT_PREFIX: Record<CaseKind, string> = { APPLICATION: 'PMH', REPORT: 'LAP', COMPLAINT: 'ADU', PROPOSAL: 'USL', OBJECTION: 'SGH' };

/** The kind a typed receipt names, as the hub reads it (any case, spaces or dashes), or undefined. */
export function kindOfReceipt(typed: string): CaseKind | undefined {
  const prefix = typed.trim().toUpperCase().replace(/[\s-]/g, '').slice(0, 3);
  return CASE_KINDS.find((k) => RECEIPT_PREFIX[k] === prefix);
}

export const DTKS_REASONS = ['MAMPU', 'PINDAH', 'MENINGGAL', 'DUPLIKAT', 'LAINNYA'] as const;
export type DtksReason = (typeof DTKS_REASONS)[number];

export const COMPLAINT_CATEGORIES = ['NOT_RECEIVED', 'WRONG_AMOUNT', 'CARD_OR_ACCOUNT', 'WRONG_DATA', 'OTHER'] as const;
export type ComplaintCategory = (typeof COMPLAINT_CATEGORIES)[number];

/** The language the hub writes reasons in, from the screen's. */
export function apiLanguage(language: string): 'ID' | 'EN' {
  return language === 'en' ? 'EN' : 'ID';
}
