// `npm run compose -w @tepat/gateway`: writes gateway/supergraph.graphql from the subgraphs' schema.graphql files.
import { writeFileSync } from 'node:fs';
import { composeSupergraph, SUPERGRAPH_PATH } from '../src/compose.js';

writeFileSync(SUPERGRAPH_PATH, composeSupergraph());
console.log(`Wrote ${SUPERGRAPH_PATH}`);
