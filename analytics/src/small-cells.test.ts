import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { parentArea, suppressedCells, TreeCells, type CellTable } from './small-cells.js';

/**
 * What a reader with every published figure can work out by subtraction: any group with
 * exactly one unknown cell gives it away, and what is learnt feeds the next group.
 */
function recoverable(table: CellTable, hidden: ReadonlySet<string>): Set<string> {
  const unknown = new Set([...hidden].filter((key) => table.units.has(key)));
  const learnt = new Set<string>();
  let progress = true;
  while (progress) {
    progress = false;
    for (const group of table.groups) {
      const open = group.filter((key) => unknown.has(key));
      if (open.length !== 1) continue;
      unknown.delete(open[0]!);
      learnt.add(open[0]!);
      progress = true;
    }
  }
  return learnt;
}

/** A Kemendagri-shaped tree: districts with a count each and two categories that add up to it. */
const trees = fc
  .array(fc.tuple(fc.integer({ min: 1, max: 2 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 }), fc.nat(30), fc.nat(30)), {
    minLength: 1,
    maxLength: 25,
  })
  .map((districts) => {
    const counts = new Map<string, [number, number]>();
    for (const [p, r, d, a, b] of districts) counts.set(`${50 + p}.0${r}.0${d}`, [a, b]);
    const areas = new Map<string, [number, number]>();
    for (const [code, [a, b]] of counts) {
      for (let area: string | undefined = `DISTRICT ${code}`; area; area = parentArea(area)) {
        const [x, y] = areas.get(area) ?? [0, 0];
        areas.set(area, [x + a, y + b]);
      }
    }
    const cells = new TreeCells();
    for (const [area, [a, b]] of areas) {
      cells.cell(area, '', a + b);
      cells.cell(area, 'a', a);
      cells.cell(area, 'b', b);
      cells.relation(area, '', ['a', 'b']);
    }
    return cells.table();
  });

describe('small-cell suppression', () => {
  it('hides cells of 1 to k−1 units, publishes zeros and cells of k or more', () => {
    const table: CellTable = { units: new Map([['x', 0], ['y', 1], ['z', 9], ['w', 10]]), groups: [] };
    expect([...suppressedCells(table, 10)].sort()).toEqual(['y', 'z']);
    expect(suppressedCells(table, 1).size).toBe(0);
  });

  it('hides a second sibling beside a lone hidden one, the smallest non-empty', () => {
    const units = new Map([['all', 60], ['a', 3], ['b', 0], ['c', 12], ['d', 45]]);
    const hidden = suppressedCells({ units, groups: [['all', 'a', 'b', 'c', 'd']] }, 10);
    expect([...hidden].sort()).toEqual(['a', 'c']);
  });

  it('takes a region’s breakdown with it', () => {
    const cells = new TreeCells();
    cells.cell('DISTRICT 51.01.01', '', 4);
    cells.cell('DISTRICT 51.01.01', 'c:GHOST', 40);
    cells.cell('DISTRICT 51.01.02', '', 50);
    cells.cell('REGENCY 51.01', '', 54);
    const hidden = suppressedCells(cells.table(), 10);
    expect(hidden.has('DISTRICT 51.01.01/c:GHOST')).toBe(true);
    // The regency's other district goes too, or 54 − 50 would give the first away.
    expect(hidden.has('DISTRICT 51.01.02')).toBe(true);
  });

  it('leaves nothing a reader can recover by subtracting published siblings from their parent, at any depth', () => {
    fc.assert(
      fc.property(trees, fc.integer({ min: 2, max: 12 }), (table, k) => {
        const hidden = suppressedCells(table, k);
        for (const [key, units] of table.units) if (units > 0 && units < k) expect(hidden.has(key)).toBe(true);
        expect([...recoverable(table, hidden)]).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
