/**
 * `graphql()`: documents typed against the API schema of the committed supergraph
 * (src/graphql/graphql-env.d.ts, made by `npm run generate`). A document that asks for a
 * field the supergraph no longer has fails `npm run typecheck`.
 */
import { initGraphQLTada } from 'gql.tada';
import type { introspection } from './graphql-env.d.ts';

export const graphql = initGraphQLTada<{
  introspection: introspection;
}>();

export type { FragmentOf, ResultOf, VariablesOf } from 'gql.tada';
export { readFragment } from 'gql.tada';
