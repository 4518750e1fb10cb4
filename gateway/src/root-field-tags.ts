/**
 * What each root field of the served supergraph says it is: its federation `@tag`s, which
 * the subgraph that owns the field declares on it (@tepat/auth, `ROOT_FIELD`). The gateway
 * decides from them what is personal, what is logged whoever asks, what the public's
 * stricter limit covers and which answers it may keep per analytics build, so a field added
 * to a subgraph carries its own classification into the gateway with the next composition.
 */
import { FIELD_TAGS } from '@tepat/auth';
import { Kind, parse, type ConstDirectiveNode } from 'graphql';
import { readSupergraph } from './compose.js';

export type FieldTag = (typeof FIELD_TAGS)[keyof typeof FIELD_TAGS];

/** Each root field of a supergraph (Query and Mutation) with its tags. */
export function rootFieldTags(supergraphSdl: string): Map<string, Set<string>> {
  const tags = new Map<string, Set<string>>();
  for (const definition of parse(supergraphSdl).definitions) {
    const objectType = definition.kind === Kind.OBJECT_TYPE_DEFINITION || definition.kind === Kind.OBJECT_TYPE_EXTENSION;
    if (!objectType || (definition.name.value !== 'Query' && definition.name.value !== 'Mutation')) continue;
    for (const field of definition.fields ?? []) {
      const names = (field.directives ?? []).filter((d) => d.name.value === 'tag').map(tagName);
      tags.set(field.name.value, new Set([...(tags.get(field.name.value) ?? []), ...names]));
    }
  }
  return tags;
}

function tagName(directive: ConstDirectiveNode): string {
  const name = directive.arguments?.find((a) => a.name.value === 'name')?.value;
  return name?.kind === Kind.STRING ? name.value : '';
}

/** The committed supergraph's, read once: the gateway serves that supergraph. */
const SERVED = rootFieldTags(readSupergraph());

/** The root fields of the served supergraph that carry `tag`. */
export function rootFieldsTagged(tag: FieldTag): ReadonlySet<string> {
  return new Set([...SERVED].filter(([, tags]) => tags.has(tag)).map(([name]) => name));
}
