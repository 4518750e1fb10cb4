/**
 * `graphql()` for the documents eligibility sends through the gateway, typed against the API
 * schema of the committed supergraph (`src/generated/graphql-env.d.ts`, made by
 * `npm run generate` with gateway/scripts/api-schema.ts and gql.tada, as the web app does).
 */
import { initGraphQLTada } from 'gql.tada';
import type { introspection } from './generated/graphql-env.d.ts';

export const graphql = initGraphQLTada<{ introspection: introspection }>();

export type { ResultOf } from 'gql.tada';
