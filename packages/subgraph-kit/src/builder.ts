/**
 * The Pothos builder every subgraph uses: federation directives, non-null fields unless a
 * field says otherwise, and authorisation declared on fields and types with the scope-auth
 * plugin (who may read what lives in the schema, next to the fields it guards).
 */
import SchemaBuilder from '@pothos/core';
import DirectivesPlugin from '@pothos/plugin-directives';
import FederationPlugin from '@pothos/plugin-federation';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import { inCallerRegion, type Caller, type CallerRole } from '@tepat/auth';
import { ErrorCode } from '@tepat/core';
import { GraphQLError } from 'graphql';

/** What every subgraph's context carries: the caller the gateway forwarded. */
export interface CallerContext {
  caller: Caller;
}

/** The scopes fields and types can require. */
export interface HubAuthScopes {
  /** The caller has one of these roles. */
  roles: readonly CallerRole[];
  /** The caller may see a person domiciled in this village (region-bound roles: within their region). */
  domicile: string | null;
}

/** `Scalars` declares custom scalars a subgraph adds, e.g. `{ JSON: { Input: unknown; Output: unknown } }`. */
export function createSubgraphBuilder<
  Context extends CallerContext,
  Scalars extends Record<string, { Input: unknown; Output: unknown }> = {},
>() {
  return new SchemaBuilder<{ Context: Context; DefaultFieldNullability: false; Scalars: Scalars; AuthScopes: HubAuthScopes }>({
    // scope-auth first, so no other plugin's resolver wrapper runs before the check.
    plugins: [ScopeAuthPlugin, DirectivesPlugin, FederationPlugin],
    defaultFieldNullability: false,
    // Pothos's federation plugin reads directives in the order graphql-tools gives them.
    directives: { useGraphQLToolsUnorderedDirectives: true },
    scopeAuth: {
      // A type's scopes run once per object, when graphql-js completes it (isTypeOf), not
      // again in a wrapper around each of its fields: an `_entities` batch of 10,000 persons
      // spent a fifth of its allocations in those wrappers, and the records process a quarter
      // of its CPU in a screening (bench/README.md, eligibility). A `__typename`-only read of
      // a guarded object is now refused too.
      runScopesOnType: true,
      authScopes: (context) => ({
        roles: (roles) => roles.includes(context.caller.role),
        domicile: (villageCode) => inCallerRegion(context.caller, villageCode),
      }),
      unauthorizedError: (_parent, context, info, result) =>
        forbidden(context.caller, refusedType(result.message) ?? `${info.parentType.name}.${info.fieldName}`),
    },
  });
}

/** The scalars a subgraph may add: `JSON` (API.md's `Check.evidence`), from graphql-scalars. */
export type HubScalars = { JSON: { Input: unknown; Output: unknown } };

/**
 * The builder the shared value types (`shared-types/`) are defined with: any subgraph's
 * context, and the hub's scalars in its types (a subgraph adds a scalar to its schema only
 * when it uses one).
 */
export type SharedTypesBuilder<Context extends CallerContext> = ReturnType<typeof createSubgraphBuilder<Context, HubScalars>>;

/**
 * The type a refusal of a type's scopes names. Such a refusal comes while completing the
 * object, with the resolve info of the field that returned it (`Query._entities` for an
 * entity the gateway asked for), so the type is taken from scope-auth's own message; a
 * field's refusal names the field.
 */
function refusedType(message: string): string | undefined {
  return /^Not authorized to read fields for (\w+)$/.exec(message)?.[1];
}

/** The one error a refused field gives: the role, and what it may not read, nothing about the data. */
export function forbidden(caller: Caller, what: string): GraphQLError {
  const who = caller.region ? `${caller.role} (${caller.region})` : caller.role;
  return new GraphQLError(`Forbidden: ${who} may not read ${what}.`, { extensions: { code: ErrorCode.FORBIDDEN } });
}

/** The federation link every subgraph prints, so composition sees one federation version. */
export const FEDERATION_LINK = {
  linkUrl: 'https://specs.apollo.dev/federation/v2.6',
  federationDirectives: ['@key', '@extends', '@shareable', '@external', '@requires', '@provides', '@inaccessible', '@tag'],
};
