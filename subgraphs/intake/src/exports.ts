/**
 * What analytics reads of intake (issue 17, item 6: case figures per district and month):
 * one row per case with only what the figures need. No NIK, no receipt (with a NIK it opens
 * the case), no free text, no filer; the village is cut to its district, the finest level
 * analytics keeps (README, Analytics: "the tables are kept down to districts").
 */
import type { ExportSource } from '@tepat/subgraph-kit';

export const CASES_EXPORT: ExportSource = {
  path: 'intake/cases.csv',
  // Instants as UTC text with milliseconds: analytics places a case in the month it was filed
  // in Asia/Jakarta and measures hours to its final status, whatever the session's TimeZone.
  // The village is the person's when the case was filed; empty when population did not know them.
  select: `SELECT id, kind, status, program, substring(village_code FROM 1 FOR 8) AS district_code,
                  to_char(filed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.MS') AS filed_at,
                  to_char(closed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.MS') AS closed_at,
                  due_on
           FROM intake_case ORDER BY id`,
  table: 'intake_case',
};
