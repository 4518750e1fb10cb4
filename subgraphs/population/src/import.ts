/** How population takes Dukcapil's persons.csv (DATA.md). */
import { agencyFile } from '@tepat/core';
import type { ImportTarget } from '@tepat/subgraph-kit';

export const imports: ImportTarget[] = [
  {
    file: agencyFile('population/persons.csv')!,
    checks: [
      {
        rule: 'at most one HEAD per kk, counting the heads already stored that the file does not replace',
        sql: `
          WITH heads AS (
            SELECT kk, nik, line FROM import_stage WHERE relationship = 'HEAD'
            UNION ALL
            SELECT p.kk, p.nik, NULL FROM person p
            WHERE p.relationship = 'HEAD' AND NOT EXISTS (SELECT 1 FROM import_stage s WHERE s.nik = p.nik)
          ),
          crowded AS (
            SELECT kk, string_agg(coalesce('line ' || line, 'stored ' || nik), ', ' ORDER BY line NULLS FIRST) AS holders
            FROM heads GROUP BY kk HAVING count(*) > 1
          )
          SELECT h.line, 'relationship' AS column,
                 'kk ' || h.kk || ' would have more than one HEAD (' || c.holders || ')' AS reason
          FROM heads h JOIN crowded c USING (kk)
          WHERE h.line IS NOT NULL`,
      },
    ],
  },
];
