/** A subgraph's schema as its committed `schema.graphql` holds it. */
import { printSubgraphSchema } from '@apollo/subgraph';
import type { SubgraphDefinition } from './subgraph.js';

/** The SDL a subgraph serves, as it is committed; a test fails when the two differ. */
export function printedSchema(definition: Pick<SubgraphDefinition, 'schema'>): string {
  return `${printSubgraphSchema(definition.schema).trim()}\n`;
}

