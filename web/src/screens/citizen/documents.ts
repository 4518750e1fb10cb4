/**
 * The public workflows (API.md, Workflows) as the citizen's screens send them, typed against
 * the supergraph: the recipient check, applying, the four kinds of filing, and following any
 * case by its receipt and the person's NIK. Facilitators, regional apps and operators at a
 * desk send the same documents on behalf of people of their region.
 */
import { graphql } from '../../graphql/graphql.ts';
import { CaseFields } from '../cases/documents.ts';

/** Programmes are public reference data (PUBLIC may read them). */
export const Programs = graphql(`
  query CitizenPrograms {
    programs {
      code
      name
    }
  }
`);

/** Cek Bansos: an unknown NIK and a wrong name both answer matched: false with empty lists. */
export const RecipientCheck = graphql(`
  query RecipientCheck($nik: String!, $name: String!, $period: String) {
    recipientCheck(nik: $nik, name: $name, period: $period) {
      matched
      period
      programs {
        program
        name
        amount
      }
      familyPrograms {
        program
        name
        amount
      }
    }
  }
`);

export const SubmitApplication = graphql(
  `
    mutation SubmitApplication($program: String!, $nik: String!, $name: String!, $requestId: String!, $language: Language!) {
      submitApplication(program: $program, nik: $nik, name: $name, requestId: $requestId) {
        ...CaseFields
      }
    }
  `,
  [CaseFields],
);

export const SubmitReport = graphql(
  `
    mutation SubmitReport($nik: String!, $name: String!, $reporterNik: String, $reason: String!, $requestId: String!, $language: Language!) {
      submitReport(nik: $nik, name: $name, reporterNik: $reporterNik, reason: $reason, requestId: $requestId) {
        ...CaseFields
      }
    }
  `,
  [CaseFields],
);

export const SubmitProposal = graphql(
  `
    mutation SubmitProposal($nik: String!, $name: String!, $submitterNik: String!, $reason: String!, $requestId: String!, $language: Language!) {
      submitProposal(nik: $nik, name: $name, submitterNik: $submitterNik, reason: $reason, requestId: $requestId) {
        ...CaseFields
      }
    }
  `,
  [CaseFields],
);

export const SubmitObjection = graphql(
  `
    mutation SubmitObjection($nik: String!, $submitterNik: String!, $reason: DtksReason!, $note: String, $requestId: String!, $language: Language!) {
      submitObjection(nik: $nik, submitterNik: $submitterNik, reason: $reason, note: $note, requestId: $requestId) {
        ...CaseFields
      }
    }
  `,
  [CaseFields],
);

export const SubmitComplaint = graphql(
  `
    mutation SubmitComplaint(
      $nik: String!
      $name: String!
      $program: String!
      $category: ComplaintCategory!
      $description: String!
      $requestId: String!
      $language: Language!
    ) {
      submitComplaint(nik: $nik, name: $name, program: $program, category: $category, description: $description, requestId: $requestId) {
        ...CaseFields
      }
    }
  `,
  [CaseFields],
);

/** Following a case: each kind by its own field; an unknown receipt and another NIK both answer null. */
export const FollowApplication = graphql(
  `
    query FollowApplication($receipt: String!, $nik: String!, $language: Language!) {
      found: application(receipt: $receipt, nik: $nik) {
        ...CaseFields
      }
    }
  `,
  [CaseFields],
);

export const FollowReport = graphql(
  `
    query FollowReport($receipt: String!, $nik: String!, $language: Language!) {
      found: report(receipt: $receipt, nik: $nik) {
        ...CaseFields
      }
    }
  `,
  [CaseFields],
);

export const FollowComplaint = graphql(
  `
    query FollowComplaint($receipt: String!, $nik: String!, $language: Language!) {
      found: complaint(ticket: $receipt, nik: $nik) {
        ...CaseFields
      }
    }
  `,
  [CaseFields],
);

export const FollowProposal = graphql(
  `
    query FollowProposal($receipt: String!, $nik: String!, $language: Language!) {
      found: proposal(receipt: $receipt, nik: $nik) {
        ...CaseFields
      }
    }
  `,
  [CaseFields],
);

export const FollowObjection = graphql(
  `
    query FollowObjection($receipt: String!, $nik: String!, $language: Language!) {
      found: objection(receipt: $receipt, nik: $nik) {
        ...CaseFields
      }
    }
  `,
  [CaseFields],
);
