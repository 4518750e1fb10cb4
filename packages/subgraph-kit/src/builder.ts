/** The Pothos builder every subgraph uses: federation directives, non-null fields unless a field says otherwise. */
import SchemaBuilder from '@pothos/core';
import DirectivesPlugin from '@pothos/plugin-directives';
import FederationPlugin from '@pothos/plugin-federation';

/** `Scalars` declares custom scalars a subgraph adds, e.g. `{ JSON: { Input: unknown; Output: unknown } }`. */
export function createSubgraphBuilder<
  Context extends object,
  Scalars extends Record<string, { Input: unknown; Output: unknown }> = {},
>() {
  return new SchemaBuilder<{ Context: Context; DefaultFieldNullability: false; Scalars: Scalars }>({
    plugins: [DirectivesPlugin, FederationPlugin],
    defaultFieldNullability: false,
    // Pothos's federation plugin reads directives in the order graphql-tools gives them.
    directives: { useGraphQLToolsUnorderedDirectives: true },
  });
}

/** The federation link every subgraph prints, so composition sees one federation version. */
export const FEDERATION_LINK = {
  linkUrl: 'https://specs.apollo.dev/federation/v2.6',
  federationDirectives: ['@key', '@extends', '@shareable', '@external', '@requires', '@provides', '@inaccessible', '@tag'],
};
