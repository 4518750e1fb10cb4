/**
 * What the policy simulation screen asks (issue 23): the rule set each programme uses now,
 * to start a draft from; the figures of up to three drafts beside those in force, in one
 * request; and, for auditors with a case, the units a draft would move, a page at a time.
 */
import { graphql } from '../../graphql/graphql.ts';

/** Each programme's rule set code, and the latest version of every rule set (eligibility). */
export const RuleSetsInForce = graphql(`
  query RuleSetsInForce {
    programs {
      code
      ruleSet
    }
    ruleSets {
      code
      version
      name
      region
      checks
      decileThreshold
      familyLookbackDays
    }
  }
`);

const SimulatedFigures = graphql(`
  fragment SimulatedFigures on ProgramFigures @_unmask {
    targetingAccuracy {
      recipients
      eligible
      coverage
      inclusionErrorRate
      exclusionErrorRate
    }
    leakage {
      leakageRate
      byCategory {
        category
        amount
      }
      suppressed
    }
    regionalEquity {
      giniCoverage
    }
    budget
    incidence {
      poorest40Share
      coadyGroshHoddinott
      suppressed
    }
  }
`);

/** Every draft beside the rule set in force: nothing is stored or published. */
export const SimulateRuleSets = graphql(
  `
    query SimulateRuleSets($drafts: [RuleSetInput!]!, $program: String!, $period: String!, $region: String, $level: RegionLevel) {
      simulateRuleSets(drafts: $drafts, program: $program, period: $period, region: $region, level: $level) {
        current {
          ...SimulatedFigures
        }
        draft {
          ...SimulatedFigures
        }
        entering
        leaving
        medianPayment
        budgetChange
        suppressed
        movesByRegion {
          region
          name
          entering
          leaving
          suppressed
        }
        movesByDecile {
          decile
          entering
          leaving
          suppressed
        }
      }
    }
  `,
  [SimulatedFigures],
);

/** The units one draft moves into or out of E: personal data, auditors with a case only. */
export const SimulatedMovedUnits = graphql(`
  query SimulatedMovedUnits($draft: RuleSetInput!, $program: String!, $period: String!, $region: String, $direction: MoveDirection, $first: Int, $after: String) {
    simulatedMovedUnits(draft: $draft, program: $program, period: $period, region: $region, direction: $direction, first: $first, after: $after) {
      totalCount
      endCursor
      hasNextPage
      nodes {
        unit
        nik
        kk
        villageCode
        decile
        direction
        failedNow
        failedUnderDraft
      }
    }
  }
`);
