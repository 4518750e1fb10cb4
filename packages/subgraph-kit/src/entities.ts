/** The `_entities` query a gateway sends, for tests of entity resolution. */

/** An `_entities` operation over Person and Family representations selecting the given fields. */
export function entitiesQuery(selection: { Person?: string; Family?: string }): string {
  const fragments = Object.entries(selection)
    .map(([type, fields]) => `... on ${type} { ${fields} }`)
    .join(' ');
  return `query ($representations: [_Any!]!) { _entities(representations: $representations) { ${fragments} } }`;
}

export const personRef = (nik: string) => ({ __typename: 'Person', nik });
export const familyRef = (kk: string) => ({ __typename: 'Family', kk });
