/**
 * Small-cell suppression (API.md, "Small cells"; issue 21): which cells of a published
 * table an analyst may not see. A cell is hidden when it rests on 1 to k−1 units (primary
 * suppression); then, wherever cells add up (a parent region and its children, a total
 * and its categories), a group with exactly one hidden cell would give it away by
 * subtraction, so a second one is hidden beside it (complementary suppression), until no
 * group has exactly one. Hiding only grows, so this ends.
 *
 * This is the hierarchical "no singleton in a sum" rule statistics offices apply to
 * frequency tables (Hundepool et al., Statistical Disclosure Control, ch. 4), not a full
 * linear-programming audit: it stops subtraction within a group and chains of them (every
 * group keeps 0 or at least 2 unknowns), which is what a reader with the published answers
 * and a spreadsheet can do. Zero cells are published: they describe nobody.
 *
 * Cells are numbered, not keyed by strings: a simulation's table has some 400,000 cells,
 * and a Map keyed by that many concatenated strings cost seconds (bench/small-cells.ts).
 */

export interface CellTable {
  /** The units each cell rests on, by cell number. */
  units: ArrayLike<number>;
  /** Cells that add up: the first is the sum of the rest. */
  groups: readonly (readonly number[])[];
  /** Cells hidden whenever a cell is: a region's categories go with the region. */
  hiddenWith: ReadonlyMap<number, readonly number[]>;
}

/** The cells to hide at threshold `k` (k ≤ 1 hides nothing), beside those `already` hidden elsewhere: 1 for hidden, by cell number. */
export function suppressedCells(table: CellTable, k: number, already: Iterable<number> = []): Uint8Array {
  const count = table.units.length;
  // The groups each cell is in, flat: hiding a cell re-examines only those.
  const start = new Int32Array(count + 1);
  for (const group of table.groups) for (const cell of group) start[cell + 1]!++;
  for (let i = 0; i < count; i++) start[i + 1]! += start[i]!;
  const groupsOf = new Int32Array(start[count]!);
  const filled = start.slice(0, count);
  table.groups.forEach((group, g) => {
    for (const cell of group) groupsOf[filled[cell]!++] = g;
  });

  const hidden = new Uint8Array(count);
  const hiddenIn = new Int32Array(table.groups.length);
  const recheck: number[] = [];
  const pending: number[] = [];
  const hide = (cell: number) => {
    pending.push(cell);
    while (pending.length > 0) {
      const c = pending.pop()!;
      if (hidden[c]) continue;
      hidden[c] = 1;
      for (let at = start[c]!; at < start[c + 1]!; at++) if (++hiddenIn[groupsOf[at]!]! === 1) recheck.push(groupsOf[at]!);
      for (const d of table.hiddenWith.get(c) ?? []) pending.push(d);
    }
  };
  for (let cell = 0; cell < count; cell++) if (table.units[cell]! > 0 && table.units[cell]! < k) hide(cell);
  for (const cell of already) hide(cell);

  // A group left with exactly one hidden cell gives it away: hide a second, until none is left.
  while (recheck.length > 0) {
    const g = recheck.pop()!;
    if (hiddenIn[g] !== 1) continue;
    const complement = complementOf(table.groups[g]!, hidden, table.units);
    if (complement !== undefined) hide(complement);
  }
  return hidden;
}

/**
 * The cell hidden beside a group's lone hidden one: the smallest shown part, so the least
 * is lost; a part of zero only when no other is left (a hidden zero under a shown zero total
 * is no secret); the total last, since hiding it carries the problem one level up.
 */
function complementOf(group: readonly number[], hidden: Uint8Array, units: ArrayLike<number>): number | undefined {
  const [total, ...parts] = group;
  let best: number | undefined;
  let zero: number | undefined;
  for (const cell of parts) {
    if (hidden[cell]) continue;
    if (units[cell]! > 0) {
      if (best === undefined || units[cell]! < units[best]!) best = cell;
    } else zero ??= cell;
  }
  return best ?? zero ?? (total !== undefined && !hidden[total] ? total : undefined);
}

/**
 * Builds a CellTable over the Kemendagri tree of a metric slice: a cell is an area (`LEVEL
 * code`, as MetricReader keys them) and a measure ('' for the area's own figures); every
 * measure adds up from villages (where a table has them) to districts, regencies, provinces and the nation.
 */
export class TreeCells {
  private readonly units: number[] = [];
  private readonly groups: number[][] = [];
  /** Each area's cells by measure. */
  private readonly areas = new Map<string, Map<string, number>>();

  /** Adds a cell of `area`; a measure other than '' is hidden whenever the area's own cell is. */
  cell(area: string, measure: string, units: number): number {
    let measures = this.areas.get(area);
    if (!measures) this.areas.set(area, (measures = new Map()));
    let id = measures.get(measure);
    if (id === undefined) measures.set(measure, (id = this.units.length));
    this.units[id] = units;
    return id;
  }

  /** The number of a cell, undefined when it was never added (a cell of zero, published). */
  id(area: string, measure = ''): number | undefined {
    return this.areas.get(area)?.get(measure);
  }

  /** Cells of one area bound by one published relation, `total` = Σ `parts`. */
  relation(area: string, total: string, parts: readonly string[]): void {
    const group = [total, ...parts].map((m) => this.id(area, m)).filter((id) => id !== undefined);
    this.groups.push(group);
  }

  /** Every cell added, as area and measure. */
  *cells(): Generator<[area: string, measure: string, id: number]> {
    for (const [area, measures] of this.areas) for (const [measure, id] of measures) yield [area, measure, id];
  }

  /** The table, with every measure's parent = Σ children groups over the areas given cells. */
  table(): CellTable {
    const children = new Map<string, string[]>();
    for (const area of this.areas.keys()) {
      const parent = parentArea(area);
      if (parent === undefined) continue;
      let kids = children.get(parent);
      if (!kids) children.set(parent, (kids = []));
      kids.push(area);
    }
    const groups = [...this.groups];
    for (const [parent, kids] of children) {
      const family = [parent, ...kids].map((a) => this.areas.get(a));
      const measures = new Set(family.flatMap((m) => [...(m?.keys() ?? [])]));
      for (const measure of measures) {
        // An area without the measure is a zero everyone knows: it is no unknown of the group.
        groups.push(family.flatMap((m) => (m?.get(measure) === undefined ? [] : [m.get(measure)!])));
      }
    }
    const hiddenWith = new Map<number, number[]>();
    for (const measures of this.areas.values()) {
      const own = measures.get('');
      if (own !== undefined) hiddenWith.set(own, [...measures.values()].filter((id) => id !== own));
    }
    return { units: this.units, groups, hiddenWith };
  }
}

/** The area one level up: a village's district, a district's regency, a regency's province, a province's nation. */
export function parentArea(area: string): string | undefined {
  const [level, code = ''] = area.split(' ');
  switch (level) {
    case 'VILLAGE':
      return `DISTRICT ${code.slice(0, 8)}`;
    case 'DISTRICT':
      return `REGENCY ${code.slice(0, 5)}`;
    case 'REGENCY':
      return `PROVINCE ${code.slice(0, 2)}`;
    case 'PROVINCE':
      return 'NATIONAL ';
    default:
      return undefined;
  }
}
