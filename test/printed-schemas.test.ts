// Every subgraph's printed schema is committed, so each schema change is visible in review (STYLE.md).
// After a change: `npm run print-schema -w @tepat/<subgraph>`.
import { describe, expect, it } from '@jest/globals';
import { isObjectType, isSpecifiedScalarType, type GraphQLNamedType, type GraphQLObjectType, type GraphQLScalarType } from 'graphql';
import { printedSchema, SUPERGRAPH_NAMES, type SupergraphMember } from '@tepat/subgraph-kit';
import { readFileSync } from 'node:fs';
import { subgraphs as databaseSubgraphs } from '@tepat/cli/subgraphs';

/** Every subgraph the gateway composes, by name. */
const subgraphs: Record<SupergraphMember, () => Promise<{ schema: import('graphql').GraphQLSchema }>> = {
  ...databaseSubgraphs,
  analytics: async () => (await import('@tepat/analytics-subgraph')).subgraph,
};

describe('committed schema.graphql', () => {
  it.each(SUPERGRAPH_NAMES)('of %s matches the schema the code builds', async (name) => {
    const definition = await subgraphs[name]();
    const committed = readFileSync(new URL(`../subgraphs/${name}/schema.graphql`, import.meta.url), 'utf8');
    expect(printedSchema(definition)).toBe(committed);
  });
});

// The descriptions are the API docs (STYLE.md): every type, field and argument a client sees has one.
describe('descriptions', () => {
  it.each(SUPERGRAPH_NAMES)('cover every type, field and argument of %s', async (name) => {
    const { schema } = await subgraphs[name]();
    const missing: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      // Built-in and federation types (_Any, _Entity, _Service, link__Import, ...) are not ours to document.
      if (type.name.startsWith('_') || type.name.includes('__') || isSpecifiedScalarType(type as GraphQLScalarType)) continue;
      if (type.name === 'Query' && Object.keys((type as GraphQLObjectType).getFields()).every((f) => f.startsWith('_'))) continue;
      if (!type.description && !isExtension(type)) missing.push(type.name);
      if (isObjectType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (field.name.startsWith('_')) continue;
          if (!field.description) missing.push(`${type.name}.${field.name}`);
          for (const arg of field.args) if (!arg.description) missing.push(`${type.name}.${field.name}(${arg.name})`);
        }
      }
    }
    expect(missing).toEqual([]);
  });
});

/** Person and Family as other subgraphs extend them: the owning subgraph describes the type. */
function isExtension(type: GraphQLNamedType): boolean {
  return type.astNode?.directives?.some((d) => d.name.value === 'extends') ?? ['Person', 'Family'].includes(type.name);
}

// Authorisation is declared in the schema (issue 8); a root field without authScopes would answer anyone.
describe('authorisation', () => {
  it.each(SUPERGRAPH_NAMES)('is declared on every root field of %s', async (name) => {
    const { schema } = await subgraphs[name]();
    const open = [schema.getQueryType(), schema.getMutationType()].flatMap((type) =>
      type
        ? Object.values(type.getFields())
            .filter((f) => !f.name.startsWith('_') && !(f.extensions?.pothosOptions as { authScopes?: unknown } | undefined)?.authScopes)
            .map((f) => `${type.name}.${f.name}`)
        : [],
    );
    expect(open).toEqual([]);
  });
});
