/**
 * Where a refresh gets its inputs: CSV files with a header row, laid out as DATA.md says,
 * plus the rule sets and intake's cases. The files come from the subgraphs' databases (`hub-sources.ts`) or,
 * for tests and benchmarks, from a folder such as `tepat generate` writes.
 */
import { BUILT_IN_RULE_SETS, type RuleSet } from '@tepat/rules';
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Each source file, the subgraph whose database holds it, and the staging table (01_stage_sources.sql) it loads into. */
export const STAGED_SOURCES = [
  { path: 'population/persons.csv', subgraph: 'population', table: 'person' },
  { path: 'dtks/members.csv', subgraph: 'dtks', table: 'dtks_member' },
  { path: 'vaccination/doses.csv', subgraph: 'vaccination', table: 'vaccination_dose' },
  { path: 'civil-service/personnel.csv', subgraph: 'civil-service', table: 'personnel' },
  { path: 'aid/programs.csv', subgraph: 'aid-history', table: 'program' },
  { path: 'aid/disbursements.csv', subgraph: 'aid-history', table: 'disbursement' },
  { path: 'eligibility/rule-sets.csv', subgraph: 'eligibility', table: 'rule_set' },
  { path: 'intake/cases.csv', subgraph: 'intake', table: 'intake_case' },
] as const;

export type SourcePath = (typeof STAGED_SOURCES)[number]['path'];

/** The subgraph that exports a source file. */
export function sourceSubgraph(path: SourcePath): (typeof STAGED_SOURCES)[number]['subgraph'] {
  return STAGED_SOURCES.find((s) => s.path === path)!.subgraph;
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
      writeFileSync(empty, `${HEADERS[path]}\n`);
      return empty;
    },
  };
}

/** Rule sets as eligibility exports them: checks joined by commas. */
export function ruleSetsCsv(ruleSets: readonly RuleSet[]): string {
  const rows = ruleSets.map((r) =>
    [r.code, r.version, r.region ?? '', `"${r.checks.join(',')}"`, r.decileThreshold ?? '', r.familyLookbackDays ?? ''].join(','),
  );
  return [HEADERS['eligibility/rule-sets.csv'], ...rows].join('\n') + '\n';
}

/** Header rows of empty sources: the columns the staging tables read. */
const HEADERS: Record<SourcePath, string> = {
  'population/persons.csv': 'nik,kk,relationship,village_code,death_date',
  'dtks/members.csv': 'nik,decile,status,status_reason',
  'vaccination/doses.csv': 'nik,dose,administered_on',
  'civil-service/personnel.csv': 'nik,corps,agency,start_date,end_date',
  'aid/programs.csv': 'code,name,unit,rule_set',
  'aid/disbursements.csv': 'id,program_code,nik,kk,period,amount_idr,disbursed_on,district_code',
  'eligibility/rule-sets.csv': 'code,version,region,checks,decile_threshold,family_lookback_days',
  'intake/cases.csv': 'id,kind,status,program,district_code,filed_at,closed_at,due_on',
};
