/**
 * What the analyst screens ask. Every figure comes from analytics fields whose answers the
 * gateway keeps per build (gateway/src/answer-cache.ts), so moving between months is cheap.
 */
import { graphql } from '../../graphql/graphql.ts';

/** What is served (the months) and the programmes to choose from. */
export const AnalyticsOverview = graphql(`
  query AnalyticsOverview {
    analyticsBuild {
      builtAt
      seconds
      periods
    }
    programs {
      code
      name
      unit
    }
  }
`);

/** Targeting accuracy as every analyst screen shows it, with whether an analyst's is withheld (small cells). */
const AccuracyFigures = graphql(`
  fragment AccuracyFigures on TargetingAccuracy @_unmask {
    recipients
    eligible
    coverage
    inclusionErrorRate
    exclusionErrorRate
    suppressed
  }
`);

/** One programme and month, nationally or in a region: asked for the month and the one before. */
export const MonthFigures = graphql(
  `
    query MonthFigures($program: String!, $period: String!, $region: String) {
      targetingAccuracy(program: $program, period: $period, region: $region) {
        ...AccuracyFigures
      }
      leakage(program: $program, period: $period, region: $region) {
        totalAmount
        leakageAmount
        leakageRate
        byCategory {
          category
          rows
          amount
          suppressed
        }
        suppressed
      }
      benefitIncidence(program: $program, period: $period, region: $region) {
        totalAmount
        poorest40Share
        coadyGroshHoddinott
        deciles {
          decile
          units
          amount
          share
          suppressed
        }
        suppressed
      }
    }
  `,
  [AccuracyFigures],
);

/** Every month the build covers. */
export const TargetingTrend = graphql(
  `
    query TargetingTrend($program: String!, $from: String!, $to: String!, $region: String) {
      targetingTrend(program: $program, from: $from, to: $to, region: $region) {
        period
        accuracy {
          ...AccuracyFigures
        }
        leakage {
          totalAmount
          leakageAmount
          leakageRate
          suppressed
        }
      }
    }
  `,
  [AccuracyFigures],
);

/** The regions of a level, nationally or inside a province or regency (`within`, beyond API.md). */
export const RegionalEquity = graphql(`
  query RegionalEquity($program: String!, $period: String!, $level: RegionLevel!, $within: String) {
    regionalEquity(program: $program, period: $period, level: $level, within: $within) {
      giniCoverage
      regions {
        region
        name
        eligible
        recipients
        amount
        coverage
        allocationRatio
        suppressed
      }
    }
  }
`);

/**
 * What the desks did with the cases filed in a month (issue 17, case figures): per kind, filed,
 * still open, concluded, overdue, the hours to a decision, and every status.
 */
export const CaseFigures = graphql(`
  query CaseFigures($period: String!, $region: String, $program: String) {
    caseFigures(period: $period, region: $region, program: $program) {
      period
      region
      program
      asOf
      kinds {
        kind
        filed
        stillOpen
        concluded
        overdue
        medianHours
        p90Hours
        suppressed
        byStatus {
          status
          cases
        }
      }
    }
  }
`);
