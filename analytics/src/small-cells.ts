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
 */

export interface CellTable {
  /** The units each cell rests on, by key. */
  units: ReadonlyMap<string, number>;
  /** Keys that add up: the first is the sum of the rest (missing keys are cells of zero, published). */
  groups: readonly (readonly string[])[];
  /** Cells hidden whenever a key is: a region's categories go with the region. */
  hiddenWith?: ReadonlyMap<string, readonly string[]>;
}

/** The cells to hide at threshold `k` (k ≤ 1 hides nothing), beside those `already` hidden elsewhere. */
export function suppressedCells(table: CellTable, k: number, already: Iterable<string> = []): Set<string> {
  // Cells by number, and (in flat arrays: a simulation's table has some 400,000 cells) the
  // groups each cell is in, so that hiding a cell re-examines only those.
  const keys = [...table.units.keys()];
  const index = new Map<string, number>();
  const units = new Float64Array(keys.length);
  keys.forEach((key, i) => {
    index.set(key, i);
    units[i] = table.units.get(key)!;
  });
  const groups = table.groups.map((group) => {
    const cells: number[] = [];
    for (const key of group) {
      const cell = index.get(key);
      if (cell !== undefined) cells.push(cell);
    }
    return cells;
  });
  const start = new Int32Array(keys.length + 1);
  for (const group of groups) for (const cell of group) start[cell + 1]!++;
  for (let i = 0; i < keys.length; i++) start[i + 1]! += start[i]!;
  const groupsOf = new Int32Array(start[keys.length]!);
  const filled = start.slice(0, keys.length);
  groups.forEach((group, g) => {
    for (const cell of group) groupsOf[filled[cell]!++] = g;
  });
  const dependents = new Map<number, number[]>();
  for (const [key, list] of table.hiddenWith ?? []) {
    const cell = index.get(key);
    if (cell !== undefined) dependents.set(cell, list.flatMap((d) => (index.has(d) ? [index.get(d)!] : [])));
  }

  const hidden = new Uint8Array(keys.length);
  const hiddenIn = new Int32Array(groups.length);
  const recheck: number[] = [];
  const pending: number[] = [];
  const hide = (cell: number) => {
    pending.push(cell);
    while (pending.length > 0) {
      const c = pending.pop()!;
      if (hidden[c]) continue;
      hidden[c] = 1;
      for (let at = start[c]!; at < start[c + 1]!; at++) if (++hiddenIn[groupsOf[at]!]! === 1) recheck.push(groupsOf[at]!);
      for (const d of dependents.get(c) ?? []) pending.push(d);
    }
  };
  for (let cell = 0; cell < keys.length; cell++) if (units[cell]! > 0 && units[cell]! < k) hide(cell);
  for (const key of already) {
    const cell = index.get(key);
    if (cell !== undefined) hide(cell);
  }

  // A group left with exactly one hidden cell gives it away: hide a second, until none is left.
  while (recheck.length > 0) {
    const g = recheck.pop()!;
    if (hiddenIn[g] !== 1) continue;
    const complement = complementOf(groups[g]!, hidden, units);
    if (complement !== undefined) hide(complement);
  }
  const result = new Set<string>();
  for (let cell = 0; cell < keys.length; cell++) if (hidden[cell]) result.add(keys[cell]!);
  return result;
}

/**
 * The cell hidden beside a group's lone hidden one: the smallest shown part, so the least
 * is lost; a part of zero only when no other is left (a hidden zero under a shown zero total
 * is no secret); the total last, since hiding it carries the problem one level up.
 */
function complementOf(group: readonly number[], hidden: Uint8Array, units: Float64Array): number | undefined {
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
 * measure adds up from districts to regencies, provinces and the nation.
 */
export class TreeCells {
  private readonly units = new Map<string, number>();
  private readonly groups: string[][] = [];
  private readonly hiddenWith = new Map<string, string[]>();
  /**
   * Each area's cell keys by measure. Groups reuse these very strings: a key made again by
   * concatenation is a new string to hash on every lookup, which made building and reading
   * a simulation's 400,000 cells several times slower.
   */
  private readonly keysOf = new Map<string, Map<string, string>>();

  static key(area: string, measure = ''): string {
    return measure === '' ? area : `${area}/${measure}`;
  }

  /** A cell of `area`; a measure other than '' is hidden whenever the area is. */
  cell(area: string, measure: string, units: number): void {
    let keys = this.keysOf.get(area);
    if (!keys) this.keysOf.set(area, (keys = new Map()));
    const key = keys.get(measure) ?? TreeCells.key(area, measure);
    keys.set(measure, key);
    this.units.set(key, units);
    if (measure === '') return;
    const dependents = this.hiddenWith.get(area) ?? [];
    dependents.push(key);
    this.hiddenWith.set(area, dependents);
  }

  /** Cells of one area bound by one published relation, `total` = Σ `parts`. */
  relation(area: string, total: string, parts: readonly string[]): void {
    this.groups.push([this.keyOf(area, total), ...parts.map((p) => this.keyOf(area, p))]);
  }

  /** The table, with every measure's parent = Σ children groups over the areas given cells. */
  table(): CellTable {
    const children = new Map<string, string[]>();
    for (const area of this.keysOf.keys()) {
      const parent = parentArea(area);
      if (parent === undefined) continue;
      children.set(parent, [...(children.get(parent) ?? []), area]);
    }
    const groups = [...this.groups];
    for (const [parent, kids] of children) {
      const measures = new Set([parent, ...kids].flatMap((a) => [...(this.keysOf.get(a)?.keys() ?? [])]));
      for (const measure of measures) groups.push([parent, ...kids].map((a) => this.keyOf(a, measure)));
    }
    return { units: this.units, groups, hiddenWith: this.hiddenWith };
  }

  private keyOf(area: string, measure: string): string {
    return this.keysOf.get(area)?.get(measure) ?? TreeCells.key(area, measure);
  }
}

/** The area one level up: a district's regency, a regency's province, a province's nation. */
export function parentArea(area: string): string | undefined {
  const [level, code = ''] = area.split(' ');
  switch (level) {
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
