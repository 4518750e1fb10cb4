/**
 * Every string a caller passes in an argument, checked before the field's resolver runs and
 * so before any database (issue 16 §3): no NUL character, which PostgreSQL's text cannot hold
 * (it came back as an internal error), and no longer than the argument allows, so that no
 * caller keeps a service busy with a huge value (a 500,000-character name held population's
 * name search for seconds). Strings inside input objects and lists are checked too.
 */
import {
  defaultFieldResolver,
  getNullableType,
  GraphQLID,
  GraphQLString,
  isInputObjectType,
  isListType,
  isObjectType,
  type GraphQLFieldResolver,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { badInput } from '@tepat/core';

/**
 * The most characters of a string argument unless it says otherwise: above every code, NIK,
 * date, cursor and token subject (255, OpenID Connect) the hub takes, and above the limits
 * arguments check themselves once trimmed (free texts of the public's workflows: 2,000), far
 * below a payload.
 */
export const DEFAULT_MAX_STRING_LENGTH = 4000;

/**
 * The extensions an argument or input field declares to take strings of at most `characters`,
 * e.g. `t.arg.string({ ..., extensions: maxLength(200) })`.
 */
export function maxLength(characters: number): { maxLength: number } {
  return { maxLength: characters };
}

type Check = (value: unknown) => void;

const guarded = new WeakSet<GraphQLSchema>();

/**
 * Wraps, in place, the resolver of every field that takes a string somewhere in its arguments
 * with the check of those strings. Fields without such arguments are left as they are, so a
 * large answer's fields cost nothing more. Idempotent.
 */
export function guardStringArguments(schema: GraphQLSchema): GraphQLSchema {
  if (guarded.has(schema)) return schema;
  guarded.add(schema);
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const checks = field.args.flatMap((arg) => {
        const check = checkOf(arg.type, arg.name, limitOf(arg.extensions));
        return check ? [[arg.name, check] as const] : [];
      });
      if (checks.length === 0) continue;
      const resolve: GraphQLFieldResolver<unknown, unknown> = field.resolve ?? defaultFieldResolver;
      field.resolve = (source, args: Record<string, unknown>, context, info) => {
        for (const [name, check] of checks) check(args[name]);
        return resolve(source, args, context, info);
      };
    }
  }
  return schema;
}

function limitOf(extensions: Readonly<Record<string, unknown>> | null | undefined): number {
  const declared = extensions?.maxLength;
  return typeof declared === 'number' ? declared : DEFAULT_MAX_STRING_LENGTH;
}

/** The check of a value of `type`, named `path` in errors; undefined when the type holds no string. */
function checkOf(type: GraphQLInputType, path: string, limit: number, seen = new Set<string>()): Check | undefined {
  const nullable = getNullableType(type);
  if (isListType(nullable)) {
    const item = checkOf(nullable.ofType, path, limit, seen);
    return item && ((value) => Array.isArray(value) && value.forEach(item));
  }
  if (isInputObjectType(nullable)) {
    // An input type that holds itself is checked to the depth of the value given.
    if (seen.has(nullable.name)) return (value) => checkOf(nullable, path, limit)?.(value);
    const inner = new Set(seen).add(nullable.name);
    const fields = Object.values(nullable.getFields()).flatMap((f) => {
      const check = checkOf(f.type, `${path}.${f.name}`, limitOf(f.extensions), inner);
      return check ? [[f.name, check] as const] : [];
    });
    if (fields.length === 0) return undefined;
    return (value) => {
      if (value === null || typeof value !== 'object') return;
      for (const [name, check] of fields) check((value as Record<string, unknown>)[name]);
    };
  }
  if (nullable === GraphQLString || nullable === GraphQLID) {
    return (value) => {
      if (typeof value !== 'string') return;
      if (value.includes('\u0000')) throw badInput(path, 'must not contain the NUL character (\\u0000).');
      if (value.length > limit) throw badInput(path, `must be at most ${limit} characters long; got ${value.length}.`);
    };
  }
  // Enums, numbers and custom scalars (federation's _Any among them) are left to their own parsing.
  return undefined;
}
