/** Reads subgraph names given on the command line, naming any that does not exist. */
import { isSubgraphName, SUBGRAPH_NAMES, type SubgraphName } from '@tepat/subgraph-kit';

export function parseSubgraphNames(names: string[]): SubgraphName[] {
  for (const name of names) {
    if (!isSubgraphName(name)) throw new Error(`Unknown subgraph "${name}". Subgraphs: ${SUBGRAPH_NAMES.join(', ')}.`);
  }
  return names.length > 0 ? (names as SubgraphName[]) : [...SUBGRAPH_NAMES];
}
