/**
 * What the operator's screens ask and do (README: "Operators keep the registry"): the
 * region's queue of cases with the person composed from the registries, the moves each kind
 * allows, the search for people of the region, the DTKS curation and the eligibility it
 * changes. Every move answers with the case (or the record) as it became.
 */
import { graphql } from '../../graphql/graphql.ts';
import { DtksRecordFields } from '../auditor/documents.ts';
import { CaseFields } from '../cases/documents.ts';

export const OperatorQueue = graphql(
  `
    query OperatorQueue($kind: CaseKind, $status: CaseStatus, $village: String, $overdue: Boolean, $first: Int!, $offset: Int!, $language: Language!) {
      caseQueue(kind: $kind, status: $status, village: $village, overdue: $overdue, first: $first, offset: $offset) {
        total
        cases {
          ...CaseFields
          person {
            nik
            fullName
            villageCode
            village {
              name
            }
          }
        }
      }
    }
  `,
  [CaseFields],
);

// The moves, each as `moved` with the same variables: the case's receipt (a complaint's
// ticket), the operator's words (a note, a reason or a resolution), the request id.

export const DecideApplicationAgain = graphql(
  `
    mutation DecideApplicationAgain($receipt: String!, $requestId: String!, $language: Language!) {
      moved: decideApplicationAgain(receipt: $receipt, requestId: $requestId) {
        ...CaseFields
      }
    }
  `,
  [CaseFields],
);

export const VerifyReport = graphql(
  `
    mutation VerifyReport($receipt: String!, $text: String, $requestId: String!, $language: Language!) {
      moved: verifyReport(receipt: $receipt, note: $text, requestId: $requestId) {
        ...CaseFields
      }
    }
  `,
  [CaseFields],
);

export const DismissReport = graphql(
  `
    mutation DismissReport($receipt: String!, $text: String!, $requestId: String!, $language: Language!) {
      moved: dismissReport(receipt: $receipt, reason: $text, requestId: $requestId) {
        ...CaseFields
      }
    }
  `,
  [CaseFields],
);

export const StartComplaint = graphql(
  `
    mutation StartComplaint($receipt: String!, $text: String, $requestId: String!, $language: Language!) {
      moved: startComplaint(ticket: $receipt, note: $text, requestId: $requestId) {
        ...CaseFields
      }
    }
  `,
  [CaseFields],
);

export const ResolveComplaint = graphql(
  `
    mutation ResolveComplaint($receipt: String!, $text: String!, $requestId: String!, $language: Language!) {
      moved: resolveComplaint(ticket: $receipt, resolution: $text, requestId: $requestId) {
        ...CaseFields
      }
    }
  `,
  [CaseFields],
);

export const CloseComplaint = graphql(
  `
    mutation CloseComplaint($receipt: String!, $text: String!, $requestId: String!, $language: Language!) {
      moved: closeComplaint(ticket: $receipt, reason: $text, requestId: $requestId) {
        ...CaseFields
      }
    }
  `,
  [CaseFields],
);

export const AcceptProposal = graphql(
  `
    mutation AcceptProposal($receipt: String!, $text: String, $requestId: String!, $language: Language!) {
      moved: acceptProposal(receipt: $receipt, note: $text, requestId: $requestId) {
        ...CaseFields
      }
    }
  `,
  [CaseFields],
);

export const RejectProposal = graphql(
  `
    mutation RejectProposal($receipt: String!, $text: String!, $requestId: String!, $language: Language!) {
      moved: rejectProposal(receipt: $receipt, reason: $text, requestId: $requestId) {
        ...CaseFields
      }
    }
  `,
  [CaseFields],
);

export const UpholdObjection = graphql(
  `
    mutation UpholdObjection($receipt: String!, $text: String, $requestId: String!, $language: Language!) {
      moved: upholdObjection(receipt: $receipt, note: $text, requestId: $requestId) {
        ...CaseFields
      }
    }
  `,
  [CaseFields],
);

export const DismissObjection = graphql(
  `
    mutation DismissObjection($receipt: String!, $text: String!, $requestId: String!, $language: Language!) {
      moved: dismissObjection(receipt: $receipt, reason: $text, requestId: $requestId) {
        ...CaseFields
      }
    }
  `,
  [CaseFields],
);

/** People of the operator's region by name (population limits the search to the region). */
export const SearchPersons = graphql(`
  query SearchPersons($name: String!, $first: Int, $after: String) {
    searchPersons(name: $name, first: $first, after: $after) {
      totalCount
      hasNextPage
      endCursor
      persons {
        nik
        fullName
        birthDate
        villageCode
        village {
          name
          district {
            name
          }
        }
        dtks {
          status
          decile
          decilePending
        }
      }
    }
  }
`);

export const DeactivateDtksMember = graphql(
  `
    mutation DeactivateDtksMember($nik: String!, $reason: DtksReason!, $note: String, $requestId: String!) {
      deactivateDtksMember(nik: $nik, reason: $reason, note: $note, requestId: $requestId) {
        ...DtksRecordFields
      }
    }
  `,
  [DtksRecordFields],
);

export const ReactivateDtksMember = graphql(
  `
    mutation ReactivateDtksMember($nik: String!, $note: String, $requestId: String!) {
      reactivateDtksMember(nik: $nik, note: $note, requestId: $requestId) {
        ...DtksRecordFields
      }
    }
  `,
  [DtksRecordFields],
);

/** The rule sets to decide under (public reference data). */
export const RuleSetCodes = graphql(`
  query RuleSetCodes {
    ruleSets {
      code
      name
    }
  }
`);

/** The person's eligibility under a rule set today, check by check (an operator: people of its region). */
export const PersonEligibility = graphql(`
  query PersonEligibility($nik: String!, $ruleSet: String!) {
    eligibility(nik: $nik, ruleSet: $ruleSet) {
      nik
      ruleSet
      ruleSetVersion
      asOf
      decision
      checks {
        code
        status
        source
        reason
      }
    }
  }
`);
