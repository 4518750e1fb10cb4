import type { CallerContext } from '@tepat/subgraph-kit';
import type { ServedBuild } from './served-build.js';

export interface Context extends CallerContext {
  analytics: ServedBuild;
  /** The small-cell threshold this caller's answers are published at; 0 for roles that see every figure. */
  minCell: number;
}
