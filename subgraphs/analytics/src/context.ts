import type { CallerContext } from '@tepat/subgraph-kit';
import type { ServedBuild } from './served-build.js';

export interface Context extends CallerContext {
  analytics: ServedBuild;
}
