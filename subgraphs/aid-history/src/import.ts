/**
 * How aid history takes programs.csv, disbursements.csv and collection-points.csv (DATA.md).
 * Programmes load first, so a disbursement's or a collection point's programme may come
 * from the same folder or be stored already.
 */
import { agencyFile } from '@tepat/core';
import type { ImportTarget } from '@tepat/subgraph-kit';

export const imports: ImportTarget[] = [
  { file: agencyFile('aid/programs.csv')!, checks: [] },
  {
    file: agencyFile('aid/disbursements.csv')!,
    checks: [
      {
        rule: 'program_code names a programme that exists',
        sql: `
          SELECT line, 'program_code' AS column,
                 'programme ' || program_code || ' does not exist (neither in programs.csv nor stored)' AS reason
          FROM import_stage s
          WHERE NOT EXISTS (SELECT 1 FROM program p WHERE p.code = s.program_code)`,
      },
    ],
  },
  {
    file: agencyFile('aid/collection-points.csv')!,
    checks: [
      {
        rule: 'program_code, when given, names a programme that exists',
        sql: `
          SELECT line, 'program_code' AS column,
                 'programme ' || program_code || ' does not exist (neither in programs.csv nor stored)' AS reason
          FROM import_stage s
          WHERE s.program_code IS NOT NULL AND NOT EXISTS (SELECT 1 FROM program p WHERE p.code = s.program_code)`,
      },
    ],
  },
];
