/**
 * Rule sets as stored data (RULES.md: an operator can add or change one without a
 * rebuild, every version is kept, and each decision records the version it used).
 */
import { badInput, regionLevelOf, type Regions } from '@tepat/core';
import { BUILT_IN_RULE_SETS, CHECK_CODES, type CheckCode, type RuleSet } from '@tepat/rules';
import type { PrismaClient } from './db.js';

export interface RuleSetInput {
  code: string;
  name: string;
  region?: string | null;
  checks: string[];
  decileThreshold?: number | null;
  familyLookbackDays?: number | null;
}

type Row = Awaited<ReturnType<PrismaClient['ruleSet']['findFirst']>> & {};

export function ruleSetOfRow(row: Row): RuleSet & { createdAt: Date; createdBy: string } {
  return {
    code: row.code,
    version: row.version,
    name: row.name,
    region: row.region,
    checks: row.checks as CheckCode[],
    decileThreshold: row.decileThreshold,
    familyLookbackDays: row.familyLookbackDays,
    createdAt: row.createdAt,
    createdBy: row.createdBy,
  };
}

/** Seeds version 1 of the built-in rule sets where they are missing (at every start; idempotent). */
export async function seedBuiltInRuleSets(prisma: PrismaClient): Promise<void> {
  await prisma.ruleSet.createMany({
    data: BUILT_IN_RULE_SETS.map(({ code, version, name, region, checks, decileThreshold, familyLookbackDays }) => ({
      code,
      version,
      name,
      region,
      checks: [...checks],
      decileThreshold,
      familyLookbackDays,
      createdBy: 'RULES.md',
    })),
    skipDuplicates: true,
  });
}

/** The latest version of a rule set, or a given one; BAD_USER_INPUT naming the argument when there is none. */
export async function findRuleSet(prisma: PrismaClient, code: string, version?: number | null) {
  const row = await prisma.ruleSet.findFirst({
    where: { code, ...(version == null ? {} : { version }) },
    orderBy: { version: 'desc' },
  });
  if (!row) {
    const known = (await prisma.ruleSet.findMany({ distinct: ['code'], select: { code: true }, orderBy: { code: 'asc' } })).map((r) => r.code);
    if (version != null && known.includes(code)) throw badInput('version', `names no version ${version} of rule set ${code}.`);
    throw badInput('ruleSet', `names no known rule set ("${code.slice(0, 40)}"); known: ${known.join(', ')}.`);
  }
  return ruleSetOfRow(row);
}

/** What is wrong with a rule set, in words an operator can act on; empty when it is valid. */
export function ruleSetProblems(input: RuleSetInput, regions: Regions): string[] {
  const problems: string[] = [];
  if (!/^[A-Z0-9_]{1,40}$/.test(input.code)) problems.push('code must match [A-Z0-9_]+ (at most 40 characters)');
  if (input.name.trim() === '') problems.push('name must not be blank');
  const unknown = input.checks.filter((c) => !(CHECK_CODES as readonly string[]).includes(c));
  if (unknown.length) problems.push(`checks has unknown codes ${unknown.join(', ')} (known: ${CHECK_CODES.join(', ')})`);
  const repeated = input.checks.filter((c, i) => input.checks.indexOf(c) !== i);
  if (repeated.length) problems.push(`checks repeats ${[...new Set(repeated)].join(', ')}`);
  // IDENTITY first: no other fact means anything for a NIK population does not know (RULES.md).
  if (input.checks[0] !== 'IDENTITY') problems.push('checks must start with IDENTITY');
  const region = input.region ?? null;
  if (region !== null && (regionLevelOf(region) === null || regionLevelOf(region) === 'VILLAGE' || !regions.has(region))) {
    problems.push(`region ${region} is not a province, regency or district code in idn-area-data`);
  }
  if (input.checks.includes('RESIDENT') && region === null) problems.push('RESIDENT needs a region');
  const threshold = input.decileThreshold ?? null;
  if (input.checks.includes('WELFARE_DECILE') && threshold === null) problems.push('WELFARE_DECILE needs a decileThreshold');
  if (threshold !== null && (!Number.isInteger(threshold) || threshold < 1 || threshold > 10)) {
    problems.push('decileThreshold must be a whole decile from 1 to 10');
  }
  const lookback = input.familyLookbackDays ?? null;
  if (input.checks.includes('FAMILY_NOT_RECEIVING') && lookback === null) problems.push('FAMILY_NOT_RECEIVING needs familyLookbackDays');
  if (lookback !== null && (!Number.isInteger(lookback) || lookback < 1 || lookback > 3660)) {
    problems.push('familyLookbackDays must be a whole number of days from 1 to 3660');
  }
  return problems;
}

/** Stores the input as the next version of its code (version 1 for a new code). */
export async function saveRuleSet(prisma: PrismaClient, input: RuleSetInput, regions: Regions, createdBy: string) {
  const problems = ruleSetProblems(input, regions);
  if (problems.length) throw badInput('input', `is not a valid rule set: ${problems.join('; ')}.`);
  // Two saves racing for the same version: the primary key refuses the second, which retries.
  for (let attempt = 0; ; attempt++) {
    const latest = await prisma.ruleSet.findFirst({ where: { code: input.code }, orderBy: { version: 'desc' }, select: { version: true } });
    try {
      const row = await prisma.ruleSet.create({
        data: {
          code: input.code,
          version: (latest?.version ?? 0) + 1,
          name: input.name.trim(),
          region: input.region ?? null,
          checks: input.checks,
          decileThreshold: input.decileThreshold ?? null,
          familyLookbackDays: input.familyLookbackDays ?? null,
          createdBy,
        },
      });
      return ruleSetOfRow(row);
    } catch (error) {
      if ((error as { code?: string }).code !== 'P2002' || attempt >= 3) throw error;
    }
  }
}
