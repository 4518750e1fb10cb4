/**
 * What the data-quality screen asks (issue 18, "Data-quality queues"): a region's counts by
 * kind and those of the regions one level below it, and a page of the items themselves with
 * their evidence and the fixes that resolve them. Items name people, so the hub serves them
 * to operators (their region) and auditors (with a purpose); counts to analysts as well.
 */
import { graphql } from '../../graphql/graphql.ts';

const CountsFields = graphql(`
  fragment CountsFields on DataQualityCounts @_unmask {
    region
    name
    level
    total
    suppressed
    byKind {
      kind
      items
      suppressed
    }
  }
`);

export const QualityCounts = graphql(
  `
    query QualityCounts($region: String, $level: RegionLevel, $withLevel: Boolean!) {
      own: dataQualityCounts(region: $region) {
        ...CountsFields
      }
      below: dataQualityCounts(region: $region, level: $level) @include(if: $withLevel) {
        ...CountsFields
      }
    }
  `,
  [CountsFields],
);

export const QualityItems = graphql(`
  query QualityItems($region: String!, $kind: DataQualityKind, $first: Int!, $offset: Int!) {
    dataQualityItems(region: $region, kind: $kind, first: $first, offset: $offset) {
      totalCount
      nodes {
        kind
        nik
        kk
        region
        person {
          nik
          fullName
        }
        evidence {
          inPopulation
          deathDate
          populationKk
          dtksStatus
          dtksStatusReason
          dtksKk
          servingToday
          service {
            corps
            agency
            startDate
            endDate
          }
          payments {
            id
            program
            period
            amount
            disbursedOn
            districtCode
            paymentRank
          }
        }
        fixes {
          action
          operation
          reason
          paymentIds
        }
      }
    }
  }
`);
