/** How vaccination takes doses.csv (DATA.md): every rule fits in one row, beside the unique key. */
import { agencyFile } from '@tepat/core';
import type { ImportTarget } from '@tepat/subgraph-kit';

export const imports: ImportTarget[] = [{ file: agencyFile('vaccination/doses.csv')!, checks: [] }];
