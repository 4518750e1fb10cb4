/**
 * How DTKS takes members.csv (DATA.md): every rule fits in one row, beside the unique key.
 * A file and an operator's change can disagree (SIKS-NG curation): the newer one wins, by
 * the file's `updated_on` against the day (Asia/Jakarta) of the operator's change; on the
 * same day the operator's change stands, being the deliberate act. A row that loses is not
 * written; a row that wins replaces the curated record, which keeps a version saying so.
 * The import report lists both.
 */
import { agencyFile } from '@tepat/core';
import type { ImportNote, ImportTarget, Sql } from '@tepat/subgraph-kit';

/** A record's state as a version holds it (schema/dtks-record.ts recordState). */
const state = (t: string) =>
  `jsonb_build_object('kk', ${t}.kk, 'decile', ${t}.decile, 'status', ${t}.status, 'statusReason', ${t}.status_reason, 'updatedOn', to_char(${t}.updated_on, 'YYYY-MM-DD'))`;

async function reconcile(tx: Sql): Promise<ImportNote[]> {
  const curated = await tx.query<{ line: number; nik: string; curated_on: string; updated_on: string; file_wins: boolean }>(
    `SELECT s.line, s.nik, to_char((m.curated_at AT TIME ZONE 'Asia/Jakarta')::date, 'YYYY-MM-DD') AS curated_on,
            to_char(s.updated_on, 'YYYY-MM-DD') AS updated_on,
            s.updated_on > (m.curated_at AT TIME ZONE 'Asia/Jakarta')::date AS file_wins
     FROM import_stage s JOIN dtks_member m ON m.nik = s.nik
     WHERE m.curated_at IS NOT NULL
     ORDER BY s.line`,
  );
  if (curated.length === 0) return [];
  const kept = curated.filter((c) => !c.file_wins).map((c) => c.line);
  const replaced = curated.filter((c) => c.file_wins).map((c) => c.line);
  if (kept.length) await tx.query('DELETE FROM import_stage WHERE line = ANY($1::int[])', [kept]);
  if (replaced.length) {
    await tx.query(
      `INSERT INTO dtks_member_version (nik, actor_role, actor_subject, change, note, before, after)
       SELECT s.nik, 'IMPORT', NULL, 'IMPORT_REPLACED', 'members.csv updated on ' || to_char(s.updated_on, 'YYYY-MM-DD'), ${state('m')}, ${state('s')}
       FROM import_stage s JOIN dtks_member m ON m.nik = s.nik
       WHERE s.line = ANY($1::int[])`,
      [replaced],
    );
    await tx.query('UPDATE dtks_member SET curated_at = NULL WHERE nik IN (SELECT nik FROM import_stage WHERE line = ANY($1::int[]))', [replaced]);
  }
  return curated.map((c) => ({
    line: c.line,
    key: c.nik,
    note: c.file_wins
      ? `replaced the operator's change of ${c.curated_on}: the file's updated_on ${c.updated_on} is newer`
      : `kept the operator's change of ${c.curated_on}: the file's updated_on ${c.updated_on} is not newer`,
  }));
}

export const imports: ImportTarget[] = [{ file: agencyFile('dtks/members.csv')!, checks: [], reconcile }];
