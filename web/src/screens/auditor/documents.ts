/** What the auditor screens ask: personal data, so every request carries the case (X-Tepat-Purpose) and is logged by the hub. */
import { graphql } from '../../graphql/graphql.ts';

/** One page of the payments behind a leakage figure, with their evidence. */
export const FlaggedPage = graphql(`
  query FlaggedPage($program: String!, $period: String!, $category: LeakageCategoryCode, $region: String, $first: Int, $after: String) {
    flaggedDisbursements(program: $program, period: $period, category: $category, region: $region, first: $first, after: $after) {
      totalCount
      hasNextPage
      endCursor
      nodes {
        id
        program
        period
        category
        nik
        kk
        unit
        region
        amount
        disbursedOn
        districtCode
        evidence {
          inPopulation
          deathDate
          serving {
            corps
            agency
          }
          paymentRank
          firstPaymentId
          failedChecks
        }
      }
    }
  }
`);

/** The DTKS record's fields the person view shows, as a curation move answers them too. */
export const DtksRecordFields = graphql(`
  fragment DtksRecordFields on DtksRecord @_unmask {
    nik
    kk
    decile
    decilePending
    status
    statusReason
    updatedOn
    curatedAt
    history {
      at
      change
      actorRole
      actorSubject
      actorRegion
      reason
      note
      reference
      before
      after
    }
  }
`);

/** The person's record composed across every subgraph (API.md: person(nik)), with the DTKS record's history. */
export const PersonRecord = graphql(
  `
  query PersonRecord($nik: String!) {
    person(nik: $nik) {
      nik
      kk
      fullName
      sex
      birthDate
      deathDate
      relationship
      villageCode
      village {
        name
        district {
          name
        }
        regency {
          name
        }
        province {
          name
        }
      }
      dtks {
        ...DtksRecordFields
      }
      civilService {
        corps
        agency
        startDate
        endDate
      }
      vaccinations {
        dose
        vaccine
        administeredOn
      }
      aidHistory {
        id
        program {
          code
        }
        period
        amountIdr
        disbursedOn
        districtCode
      }
      family {
        kk
        members {
          nik
          fullName
          relationship
          birthDate
          deathDate
        }
      }
    }
  }
`,
  [DtksRecordFields],
);

/** The eligibility decisions logged for the person, newest first (AUDITOR and ADMIN). */
export const DecisionHistory = graphql(`
  query DecisionHistory($nik: String!) {
    decisions(nik: $nik, first: 100) {
      id
      decidedAt
      callerRole
      ruleSet
      ruleSetVersion
      program
      asOf
      decision
      checks
    }
  }
`);
