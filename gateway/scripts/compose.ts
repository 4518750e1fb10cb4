// `npm run compose -w @tepat/gateway`: writes gateway/supergraph.graphql from the subgraphs' schema.graphql files.
// With --check (run by `npm run typecheck`): fails when the subgraphs do not compose or the committed file is stale.
import { writeFileSync } from 'node:fs';
import { composeSupergraph, readSupergraph, SUPERGRAPH_PATH } from '../src/compose.js';

const supergraph = composeSupergraph();
if (process.argv.includes('--check')) {
  if (readSupergraph() !== supergraph) {
    console.error(`${SUPERGRAPH_PATH} is stale: run npm run compose -w @tepat/gateway and commit it.`);
    process.exit(1);
  }
  console.log('The supergraph composes and is up to date.');
} else {
  writeFileSync(SUPERGRAPH_PATH, supergraph);
  console.log(`Wrote ${SUPERGRAPH_PATH}`);
}
