/**
 * Where a refresh gets its inputs: CSV files with a header row, laid out as DATA.md says,
 * plus the rule sets and intake's cases. The files come from the subgraphs' databases (`hub-sources.ts`) or,
 * for tests and benchmarks, from a folder such as `tepat generate` writes.
 */
import { agencyFile, agencyHeader, type AgencyFile } from '@tepat/core';
import { BUILT_IN_RULE_SETS, type RuleSet } from '@tepat/rules';
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Each source file and the staging table (01_stage_sources.sql) it loads into. The agency
 * files' subgraphs and columns are DATA.md's, as AGENCY_FILES describes them; the other two
 * are the hub's own exports (HUB_EXPORTS).
 */
export const STAGED_SOURCES = [
  { path: 'population/persons.csv', table: 'person' },
  { path: 'dtks/members.csv', table: 'dtks_member' },
  { path: 'vaccination/doses.csv', table: 'vaccination_dose' },
  { path: 'civil-service/personnel.csv', table: 'personnel' },
  { path: 'aid/programs.csv', table: 'program' },
  { path: 'aid/disbursements.csv', table: 'disbursement' },
  { path: 'eligibility/rule-sets.csv', table: 'rule_set' },
  { path: 'intake/cases.csv', table: 'intake_case' },
] as const;

export type SourcePath = (typeof STAGED_SOURCES)[number]['path'];

/**
 * The sources no agency delivers: the rule sets in force, as eligibility exports them
 * (subgraphs/eligibility/src/index.ts), and the cases filed through intake
 * (subgraphs/intake/src/exports.ts), with the columns those exports write.
 */
const HUB_EXPORTS = {
  'eligibility/rule-sets.csv': { subgraph: 'eligibility', header: ['code', 'version', 'region', 'checks', 'decile_threshold', 'family_lookback_days'] },
  'intake/cases.csv': { subgraph: 'intake', header: ['id', 'kind', 'status', 'program', 'district_code', 'filed_at', 'closed_at', 'due_on'] },
} as const satisfies Partial<Record<SourcePath, { subgraph: string; header: readonly string[] }>>;

export type SourceSubgraph = AgencyFile['subgraph'] | (typeof HUB_EXPORTS)[keyof typeof HUB_EXPORTS]['subgraph'];

/** The subgraph that exports a source file. */
export function sourceSubgraph(path: SourcePath): SourceSubgraph {
  return agencyFile(path)?.subgraph ?? HUB_EXPORTS[path as keyof typeof HUB_EXPORTS].subgraph;
}

/** A source file's header row. */
export function sourceHeader(path: SourcePath): string {
  const file = agencyFile(path);
  return (file ? agencyHeader(file) : HUB_EXPORTS[path as keyof typeof HUB_EXPORTS].header).join(',');
}

export interface SourceFiles {
  /** Describes where the files come from, for progress lines. */
  describe(): string;
  /** A local CSV file with the source's rows; `scratch` is a folder the refresh removes afterwards. */
  file(path: SourcePath, scratch: string): Promise<string>;
  /**
   * A value that changes whenever the source's rows may have (same value: same rows), read
   * without reading the rows. Without it, every refresh reads every source.
   */
  fingerprint?(path: SourcePath): Promise<string>;
}

/** A DATA.md folder; rule sets from `eligibility/rule-sets.csv` when present, else the built-in ones. */
export function folderSources(dir: string, ruleSets: readonly RuleSet[] = BUILT_IN_RULE_SETS): SourceFiles {
  return {
    describe: () => dir,
    async fingerprint(path) {
      // A file rewritten in place gets a new modification time; an absent one is the built-in data.
      const file = join(dir, path);
      if (!existsSync(file)) return path === 'eligibility/rule-sets.csv' ? `built-in:${ruleSetsCsv(ruleSets)}` : 'absent';
      const { size, mtimeMs } = statSync(file);
      return `${size}/${mtimeMs}`;
    },
    async file(path, scratch) {
      const file = join(dir, path);
      if (existsSync(file)) return file;
      if (path === 'eligibility/rule-sets.csv') {
        const written = join(scratch, 'rule-sets.csv');
        writeFileSync(written, ruleSetsCsv(ruleSets));
        return written;
      }
      // DATA.md: any subset of the sources may be present; an absent one is empty.
      const empty = join(scratch, path.replace('/', '-'));
      writeFileSync(empty, `${sourceHeader(path)}\n`);
      return empty;
    },
  };
}

/** Rule sets as eligibility exports them: checks joined by commas. */
export function ruleSetsCsv(ruleSets: readonly RuleSet[]): string {
  const rows = ruleSets.map((r) =>
    [r.code, r.version, r.region ?? '', `"${r.checks.join(',')}"`, r.decileThreshold ?? '', r.familyLookbackDays ?? ''].join(','),
  );
  return [sourceHeader('eligibility/rule-sets.csv'), ...rows].join('\n') + '\n';
}
