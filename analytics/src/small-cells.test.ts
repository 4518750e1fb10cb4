import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { parentArea, suppressedCells, TreeCells, type CellTable } from './small-cells.js';

/** The numbers of the hidden cells. */
const hiddenOf = (hidden: Uint8Array) => [...hidden.keys()].filter((cell) => hidden[cell]);

/**
 * What a reader with every published figure can work out by subtraction: any group with
 * exactly one unknown cell gives it away, and what is learnt feeds the next group.
 */
function recoverable(table: CellTable, hidden: Uint8Array): number[] {
  const unknown = new Set(hiddenOf(hidden));
  const learnt: number[] = [];
  let progress = true;
  while (progress) {
    progress = false;
    for (const group of table.groups) {
      const open = group.filter((cell) => unknown.has(cell));
      if (open.length !== 1) continue;
      unknown.delete(open[0]!);
      learnt.push(open[0]!);
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
    const table: CellTable = { units: [0, 1, 9, 10], groups: [], hiddenWith: new Map() };
    expect(hiddenOf(suppressedCells(table, 10))).toEqual([1, 2]);
    expect(hiddenOf(suppressedCells(table, 1))).toEqual([]);
  });

  it('hides a second sibling beside a lone hidden one, the smallest non-empty', () => {
    // all = 60, then a, b, c, d.
    const hidden = suppressedCells({ units: [60, 3, 0, 12, 45], groups: [[0, 1, 2, 3, 4]], hiddenWith: new Map() }, 10);
    expect(hiddenOf(hidden)).toEqual([1, 3]);
  });

  it('takes a region’s breakdown with it', () => {
    const cells = new TreeCells();
    cells.cell('DISTRICT 51.01.01', '', 4);
    cells.cell('DISTRICT 51.01.01', 'c:GHOST', 40);
    cells.cell('DISTRICT 51.01.02', '', 50);
    cells.cell('REGENCY 51.01', '', 54);
    const hidden = suppressedCells(cells.table(), 10);
    expect(hidden[cells.id('DISTRICT 51.01.01', 'c:GHOST')!]).toBe(1);
    // The regency's other district goes too, or 54 − 50 would give the first away.
    expect(hidden[cells.id('DISTRICT 51.01.02')!]).toBe(1);
  });

  it('leaves nothing a reader can recover by subtracting published siblings from their parent, at any depth', () => {
    fc.assert(
      fc.property(trees, fc.integer({ min: 2, max: 12 }), (table, k) => {
        const hidden = suppressedCells(table, k);
        Array.from(table.units).forEach((units, cell) => {
          if (units > 0 && units < k) expect(hidden[cell]).toBe(1);
        });
        expect(recoverable(table, hidden)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
