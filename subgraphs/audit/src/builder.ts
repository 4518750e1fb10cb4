import { createSubgraphBuilder, type HubScalars } from '@tepat/subgraph-kit';
import type { Context } from './context.js';

export const builder = createSubgraphBuilder<Context, HubScalars>();
