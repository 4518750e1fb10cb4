/**
 * The supergraph: every subgraph's committed `schema.graphql` composed by
 * @apollo/composition. The result is committed as `gateway/supergraph.graphql` and a test
 * fails when it is stale, so every schema change shows in review (STYLE.md).
 */
import { composeServices } from '@apollo/composition';
import { DEFAULT_PORTS, SUPERGRAPH_NAMES, type SupergraphMember } from '@tepat/subgraph-kit';
import { parse } from 'graphql';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Where the committed supergraph lives. */
export const SUPERGRAPH_PATH = fileURLToPath(new URL('../supergraph.graphql', import.meta.url));

/** The committed printed schema of a subgraph. */
export function subgraphSchemaPath(name: SupergraphMember): string {
  return fileURLToPath(new URL(`../../subgraphs/${name}/schema.graphql`, import.meta.url));
}

export class CompositionError extends Error {}

/**
 * Composes the committed subgraph schemas (or the ones given instead). The URLs recorded
 * are the local defaults; the gateway replaces them with the configured ones at start.
 */
export function composeSupergraph(schemas: Partial<Record<SupergraphMember, string>> = {}): string {
  const result = composeServices(
    SUPERGRAPH_NAMES.map((name) => ({
      name,
      url: `http://127.0.0.1:${DEFAULT_PORTS[name]}/graphql`,
      typeDefs: parse(schemas[name] ?? readFileSync(subgraphSchemaPath(name), 'utf8')),
    })),
  );
  if (result.errors) {
    throw new CompositionError(`The subgraphs do not compose:\n${result.errors.map((e) => `- ${e.message}`).join('\n')}`);
  }
  return result.supergraphSdl;
}

/** The committed supergraph, as the gateway serves it. */
export function readSupergraph(): string {
  return readFileSync(SUPERGRAPH_PATH, 'utf8');
}
