/**
 * The builder's scope checks: a type's scopes once per object (refusing the object, named by
 * its type), a field's scopes on the field.
 */
import { describe, expect, it } from '@jest/globals';
import type { Caller } from '@tepat/auth';
import { graphql } from 'graphql';
import { createSubgraphBuilder } from './builder.js';

/** A type readable by ADMIN only, returned by unguarded fields, one of them a list. */
function schemaWithGuardedType() {
  const builder = createSubgraphBuilder<{ caller: Caller }>();
  const Secret = builder.objectRef<{ id: string }>('Secret').implement({
    authScopes: { roles: ['ADMIN'] },
    fields: (t) => ({ id: t.exposeString('id'), note: t.string({ nullable: true, resolve: () => 'note' }) }),
  });
  builder.queryType({
    fields: (t) => ({
      secret: t.field({ type: Secret, nullable: true, resolve: () => ({ id: '1' }) }),
      secrets: t.field({ type: [Secret], nullable: { list: false, items: true }, resolve: () => [{ id: '1' }, { id: '2' }] }),
      open: t.string({ resolve: () => 'open' }),
      guarded: t.string({ nullable: true, authScopes: { roles: ['ADMIN'] }, resolve: () => 'guarded' }),
    }),
  });
  return builder.toSchema();
}

const ask = (source: string, role: Caller['role']) => graphql({ schema: schemaWithGuardedType(), source, contextValue: { caller: { role } } });

describe('the subgraph builder: scopes of a type', () => {
  it('are checked once per object, and a refusal names the type, not the field that returned it', async () => {
    const res = await ask('{ secret { id note } secrets { id } open }', 'PUBLIC');
    expect(res.data).toEqual({ secret: null, secrets: [null, null], open: 'open' });
    expect(res.errors?.map((e) => [e.message, e.path, e.extensions.code])).toEqual([
      ['Forbidden: PUBLIC may not read Secret.', ['secret'], 'FORBIDDEN'],
      ['Forbidden: PUBLIC may not read Secret.', ['secrets', 0], 'FORBIDDEN'],
      ['Forbidden: PUBLIC may not read Secret.', ['secrets', 1], 'FORBIDDEN'],
    ]);
  });

  it('refuse an object read for its __typename alone', async () => {
    const res = await ask('{ secret { __typename } }', 'PUBLIC');
    expect(res.data).toEqual({ secret: null });
    expect(res.errors?.map((e) => e.message)).toEqual(['Forbidden: PUBLIC may not read Secret.']);
  });

  it('let the allowed role read every field', async () => {
    const res = await ask('{ secret { id note } secrets { id } guarded }', 'ADMIN');
    expect(res).toEqual({ data: { secret: { id: '1', note: 'note' }, secrets: [{ id: '1' }, { id: '2' }], guarded: 'guarded' } });
  });

  it('leave a field refusal naming the field', async () => {
    const res = await ask('{ guarded open }', 'PUBLIC');
    expect(res.data).toEqual({ guarded: null, open: 'open' });
    expect(res.errors?.map((e) => e.message)).toEqual(['Forbidden: PUBLIC may not read Query.guarded.']);
  });
});
