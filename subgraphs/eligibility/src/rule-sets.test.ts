/**
 * Rule sets kept in memory (issue 20): one read per version for every decision after it,
 * a save in this process used from the next decision on, one in another process within the
 * freshness window; unknown codes are asked again, never kept.
 */
import { describe, expect, it } from '@jest/globals';
import { loadRegions } from '@tepat/core';
import type { PrismaClient } from './db.js';
import { RuleSetStore } from './rule-sets.js';

type Row = { code: string; version: number; name: string; region: string | null; checks: string[]; decileThreshold: number | null; familyLookbackDays: number | null; createdAt: Date; createdBy: string };

/** The rule_set table as the store reaches it through Prisma, counting reads. */
function fakeDatabase(rows: Row[]) {
  const reads = { latest: 0, version: 0 };
  const ruleSet = {
    async findFirst({ where }: { where: { code: string; version?: number } }) {
      if (where.version === undefined) reads.latest++;
      else reads.version++;
      const matching = rows.filter((r) => r.code === where.code && (where.version === undefined || r.version === where.version));
      return matching.sort((a, b) => b.version - a.version)[0] ?? null;
    },
    async findMany() {
      return [...new Set(rows.map((r) => r.code))].map((code) => ({ code }));
    },
    async create({ data }: { data: Omit<Row, 'createdAt'> }) {
      const row = { ...data, createdAt: new Date() };
      rows.push(row);
      return row;
    },
  };
  return { prisma: { ruleSet } as unknown as PrismaClient, rows, reads };
}

const DTKS: Row = {
  code: 'DTKS',
  version: 1,
  name: 'DTKS',
  region: null,
  checks: ['IDENTITY', 'ALIVE', 'IN_DTKS', 'WELFARE_DECILE', 'NOT_CIVIL_SERVANT'],
  decileThreshold: 4,
  familyLookbackDays: null,
  createdAt: new Date(),
  createdBy: 'RULES.md',
};

describe('the rule-set store', () => {
  it('reads the latest version once for many decisions, and a given version once for good', async () => {
    const { prisma, reads } = fakeDatabase([{ ...DTKS }]);
    const store = new RuleSetStore(prisma, 60_000);
    const found = await Promise.all(Array.from({ length: 20 }, () => store.find('DTKS')));
    expect(new Set(found.map((r) => r.version))).toEqual(new Set([1]));
    expect(await store.find('DTKS', 1)).toBe(found[0]);
    expect(reads).toEqual({ latest: 1, version: 0 });
  });

  it('uses a version saved here from the next decision on', async () => {
    const { prisma } = fakeDatabase([{ ...DTKS }]);
    const store = new RuleSetStore(prisma, 60_000);
    expect((await store.find('DTKS')).decileThreshold).toBe(4);
    const saved = await store.save({ code: 'DTKS', name: 'DTKS at 3', checks: [...DTKS.checks] as never, decileThreshold: 3 }, await loadRegions(), 'admin');
    expect(saved.version).toBe(2);
    expect(await store.find('DTKS')).toMatchObject({ version: 2, decileThreshold: 3 });
    expect(await store.find('DTKS', 1)).toMatchObject({ version: 1, decileThreshold: 4 });
  });

  it('uses a version saved by another process once the freshness window has passed', async () => {
    const { prisma, rows } = fakeDatabase([{ ...DTKS }]);
    const store = new RuleSetStore(prisma, 50);
    expect((await store.find('DTKS')).version).toBe(1);
    rows.push({ ...DTKS, version: 2, decileThreshold: 3 });
    expect((await store.find('DTKS')).version).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect((await store.find('DTKS')).version).toBe(2);
  });

  it('names an unknown code or version as findRuleSet does, and asks again next time', async () => {
    const { prisma, rows, reads } = fakeDatabase([{ ...DTKS }]);
    const store = new RuleSetStore(prisma, 60_000);
    await expect(store.find('NOPE')).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argument: 'ruleSet' } });
    await expect(store.find('DTKS', 7)).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argument: 'version' } });
    rows.push({ ...DTKS, code: 'NOPE' });
    expect((await store.find('NOPE')).code).toBe('NOPE');
    expect(reads.latest).toBe(2);
  });
});
