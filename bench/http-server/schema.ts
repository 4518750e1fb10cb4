/**
 * The schema both servers serve and the queries sent to it: answers made up from their
 * arguments, so the work is all HTTP and GraphQL. A person of four fields (a ~100-byte answer)
 * and a list of regions (~10 kB).
 */
import { GraphQLInt, GraphQLList, GraphQLNonNull, GraphQLObjectType, GraphQLSchema, GraphQLString } from 'graphql';

const NIK = '3510010404800001';
/** How many regions make a ~10 kB answer. */
const REGIONS = 130;

const personOf = (nik: string) => ({ nik, fullName: 'Budi Santoso', birthDate: '1980-04-04', regionCode: '35.10.01.2001' });
const regionsOf = (first: number) =>
  Array.from({ length: first }, (_, i) => ({
    code: `35.10.${String(i + 1).padStart(2, '0')}`,
    name: `Kecamatan Contoh ${i + 1}`,
    persons: 40_000 + 37 * i,
    recipients: 9_000 + 11 * i,
  }));

export function benchSchema(): GraphQLSchema {
  const string = { type: new GraphQLNonNull(GraphQLString) };
  const int = { type: new GraphQLNonNull(GraphQLInt) };
  const Person = new GraphQLObjectType({
    name: 'Person',
    description: 'A registered person.',
    fields: { nik: string, fullName: string, birthDate: string, regionCode: string },
  });
  const Region = new GraphQLObjectType({
    name: 'Region',
    description: 'A district with its counts.',
    fields: { code: string, name: string, persons: int, recipients: int },
  });
  return new GraphQLSchema({
    query: new GraphQLObjectType({
      name: 'Query',
      fields: {
        person: { type: Person, args: { nik: string }, resolve: (_root, { nik }: { nik: string }) => personOf(nik) },
        regions: {
          type: new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(Region))),
          args: { first: int },
          resolve: (_root, { first }: { first: number }) => regionsOf(first),
        },
      },
    }),
  });
}

/** Each query's request body and the answer it must get, to the byte. */
export const QUERIES = {
  small: {
    body: JSON.stringify({ query: 'query Person($nik: String!) { person(nik: $nik) { nik fullName birthDate regionCode } }', variables: { nik: NIK } }),
    answer: `${JSON.stringify({ data: { person: personOf(NIK) } })}\n`,
  },
  large: {
    body: JSON.stringify({ query: 'query Regions($first: Int!) { regions(first: $first) { code name persons recipients } }', variables: { first: REGIONS } }),
    answer: `${JSON.stringify({ data: { regions: regionsOf(REGIONS) } })}\n`,
  },
};
export type QueryName = keyof typeof QUERIES;
export const QUERY_NAMES = Object.keys(QUERIES) as QueryName[];
