/**
 * Rule sets as stored data (RULES.md: an operator can add or change one without a
 * rebuild, every version is kept, and each decision records the version it used).
 */
import { badInput, type Regions } from '@tepat/core';
import { BUILT_IN_RULE_SETS, checkRuleSetInput, type CheckCode, type RuleSet, type RuleSetInput } from '@tepat/rules';
import { LRUCache } from 'lru-cache';
import type { PrismaClient } from './db.js';

type Row = Awaited<ReturnType<PrismaClient['ruleSet']['findFirst']>> & {};
export type StoredRuleSet = ReturnType<typeof ruleSetOfRow>;

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

/** Stores the input as the next version of its code (version 1 for a new code). */
export async function saveRuleSet(prisma: PrismaClient, input: RuleSetInput, regions: Regions, createdBy: string) {
  checkRuleSetInput(input, regions, 'input');
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

/** How long which version is the latest is trusted: a save by another process sharing the database is in use within this. */
export const LATEST_FRESH_MS = 1_000;

/**
 * Rule sets as decisions read them, kept in memory (issue 20): a stored version never changes
 * (RULES.md keeps every version), so one read serves every later decision; which version is
 * the latest is kept for LATEST_FRESH_MS, and forgotten at once when this process saves one.
 * Unknown codes and versions are asked again each time (an error is not kept).
 */
export class RuleSetStore {
  private readonly versions = new LRUCache<string, StoredRuleSet>({
    max: 1_024,
    fetchMethod: (key) => {
      const at = key.lastIndexOf('@');
      return findRuleSet(this.prisma, key.slice(0, at), Number(key.slice(at + 1)));
    },
  });

  private readonly latest: LRUCache<string, StoredRuleSet>;

  constructor(
    private readonly prisma: PrismaClient,
    freshMs = LATEST_FRESH_MS,
  ) {
    this.latest = new LRUCache<string, StoredRuleSet>({
      max: 256,
      ttl: freshMs,
      fetchMethod: async (code) => {
        const ruleSet = await findRuleSet(this.prisma, code);
        this.versions.set(`${code}@${ruleSet.version}`, ruleSet);
        return ruleSet;
      },
    });
  }

  /** As findRuleSet: the latest version, or the one given. */
  async find(code: string, version?: number | null): Promise<StoredRuleSet> {
    return (version == null ? await this.latest.fetch(code) : await this.versions.fetch(`${code}@${version}`))!;
  }

  /** As saveRuleSet; decisions in this process use the new version from the next one on. */
  async save(input: RuleSetInput, regions: Regions, createdBy: string): Promise<StoredRuleSet> {
    const saved = await saveRuleSet(this.prisma, input, regions, createdBy);
    this.latest.delete(saved.code);
    this.versions.set(`${saved.code}@${saved.version}`, saved);
    return saved;
  }
}

const stores = new WeakMap<PrismaClient, RuleSetStore>();

/** The store of one database client (a process may serve several, as tests do). */
export function ruleSetsOf(prisma: PrismaClient): RuleSetStore {
  let store = stores.get(prisma);
  if (!store) stores.set(prisma, (store = new RuleSetStore(prisma)));
  return store;
}
