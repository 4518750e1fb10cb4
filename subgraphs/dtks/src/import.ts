/** How DTKS takes members.csv (DATA.md): every rule fits in one row, beside the unique key. */
import { agencyFile } from '@tepat/core';
import type { ImportTarget } from '@tepat/subgraph-kit';

export const imports: ImportTarget[] = [{ file: agencyFile('dtks/members.csv')!, checks: [] }];
