/**
 * Group commit: entries arriving while a write is under way share the next write, each gets its
 * own result in its own order only once its write ended, and an entry that cannot be written
 * fails alone.
 */
import { describe, expect, it } from '@jest/globals';
import { groupCommit } from './group-commit.js';

/** A store whose writes take a few milliseconds, recording each write's entries. */
function slowStore(refuse: (entry: number) => boolean = () => false) {
  const writes: number[][] = [];
  const stored: number[] = [];
  const write = async (entries: readonly number[]) => {
    writes.push([...entries]);
    await new Promise((resolve) => setTimeout(resolve, 5));
    if (entries.some(refuse)) throw new Error(`refused ${entries.find(refuse)}`);
    stored.push(...entries);
    return entries.map((e) => e * 10);
  };
  return { writes, stored, write };
}

describe('groupCommit', () => {
  it('writes a lone entry at once, in a write of its own', async () => {
    const store = slowStore();
    const log = groupCommit(store.write, { maxPerWrite: 8 });
    expect(await log.add(7)).toBe(70);
    expect(store.writes).toEqual([[7]]);
  });

  it('shares writes among entries arriving together and answers each with its own result after its write', async () => {
    const store = slowStore();
    const log = groupCommit(store.write, { maxPerWrite: 8 });
    const answered: number[] = [];
    const first = log.add(0).then((r) => {
      // Answered only once stored.
      expect(store.stored).toContain(0);
      answered.push(r);
    });
    // These arrive while the first write is under way: they wait for it, then share writes of at most 8.
    await new Promise((resolve) => setImmediate(resolve));
    const rest = Array.from({ length: 20 }, (_, i) => log.add(i + 1));
    expect(await Promise.all(rest)).toEqual(Array.from({ length: 20 }, (_, i) => (i + 1) * 10));
    await first;
    expect(answered).toEqual([0]);
    expect(store.writes[0]).toEqual([0]);
    expect(store.writes.slice(1).map((w) => w.length)).toEqual([8, 8, 4]);
    expect(store.stored).toEqual(Array.from({ length: 21 }, (_, i) => i));
  });

  it('fails only the entry that cannot be written; the others of its group are written once', async () => {
    const store = slowStore((entry) => entry === 3);
    const log = groupCommit(store.write, { maxPerWrite: 8 });
    const results = await Promise.allSettled([1, 2, 3, 4].map((n) => log.add(n)));
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message))).toEqual([10, 20, 'refused 3', 40]);
    expect(store.stored.sort()).toEqual([1, 2, 4]);
  });
});
