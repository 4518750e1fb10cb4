/** The cases a facilitator filed (caseQueue answers a FACILITATOR with its own), or a regional app's region's applications. */
import { graphql } from '../../graphql/graphql.ts';
import { CaseFields } from '../cases/documents.ts';

export const FiledCases = graphql(
  `
    query FiledCases($kind: CaseKind, $status: CaseStatus, $first: Int!, $offset: Int!, $language: Language!) {
      caseQueue(kind: $kind, status: $status, first: $first, offset: $offset) {
        total
        cases {
          ...CaseFields
        }
      }
    }
  `,
  [CaseFields],
);
