import { describe, expect, it } from '@jest/globals';
import {
  graphql,
  GraphQLInputObjectType,
  GraphQLInt,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLScalarType,
  GraphQLSchema,
  GraphQLString,
} from 'graphql';
import { DEFAULT_MAX_STRING_LENGTH, guardStringArguments, maxLength } from './string-arguments.js';

const resolved: unknown[] = [];
const Item = new GraphQLInputObjectType({
  name: 'Item',
  fields: { label: { type: GraphQLString, extensions: maxLength(5) }, count: { type: GraphQLInt } },
});
const Anything = new GraphQLScalarType({ name: 'Anything' });
const Query = new GraphQLObjectType({
  name: 'Query',
  fields: {
    echo: {
      type: GraphQLString,
      args: {
        text: { type: GraphQLString },
        name: { type: GraphQLString, extensions: maxLength(10) },
        items: { type: new GraphQLList(new GraphQLNonNull(Item)) },
        blob: { type: Anything },
      },
      resolve: (_root, args) => {
        resolved.push(args);
        return 'ok';
      },
    },
    count: { type: GraphQLInt, args: { n: { type: GraphQLInt } }, resolve: (_root, args) => args.n },
  },
});
const plainCount = Query.getFields().count!.resolve;
const schema = guardStringArguments(new GraphQLSchema({ query: Query }));

const ECHO = 'query ($text: String, $name: String, $items: [Item!], $blob: Anything) { echo(text: $text, name: $name, items: $items, blob: $blob) }';
async function echo(variableValues: Record<string, unknown>) {
  resolved.length = 0;
  const result = await graphql({ schema, source: ECHO, variableValues });
  return { result: JSON.parse(JSON.stringify(result)), ran: resolved.length > 0 };
}

describe('string arguments', () => {
  it('refuse NUL anywhere, naming the argument, before the resolver runs', async () => {
    for (const [variables, argument] of [
      [{ text: 'PK\u0000H' }, 'text'],
      [{ items: [{ label: 'ok' }, { label: 'a\u0000' }] }, 'items.label'],
    ] as const) {
      const { result, ran } = await echo(variables);
      expect(ran).toBe(false);
      expect(result.errors).toEqual([
        expect.objectContaining({
          message: `Argument "${argument}" must not contain the NUL character (\\u0000).`,
          extensions: { code: 'BAD_USER_INPUT', argument },
        }),
      ]);
    }
  });

  it('refuse strings over their declared length, or the default, and take those at it', async () => {
    expect((await echo({ name: 'x'.repeat(10), items: [{ label: 'x'.repeat(5) }], text: 'x'.repeat(DEFAULT_MAX_STRING_LENGTH) })).ran).toBe(true);
    for (const [variables, argument, limit] of [
      [{ name: 'x'.repeat(11) }, 'name', 10],
      [{ items: [{ label: 'x'.repeat(6) }] }, 'items.label', 5],
      [{ text: 'x'.repeat(DEFAULT_MAX_STRING_LENGTH + 1) }, 'text', DEFAULT_MAX_STRING_LENGTH],
    ] as const) {
      const { result, ran } = await echo(variables);
      expect(ran).toBe(false);
      expect(result.errors[0].message).toBe(`Argument "${argument}" must be at most ${limit} characters long; got ${limit + 1}.`);
    }
  });

  it('leave custom scalars to their own parsing, and fields without strings unwrapped', async () => {
    expect((await echo({ blob: { note: 'a\u0000b' } })).ran).toBe(true);
    expect(Query.getFields().count!.resolve).toBe(plainCount);
    const echoResolve = Query.getFields().echo!.resolve;
    guardStringArguments(schema);
    expect(Query.getFields().echo!.resolve).toBe(echoResolve);
  });
});
