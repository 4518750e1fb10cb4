// The workflow documents the citizen screens send before the supergraph has their fields
// (web/pending/README.md): each is the API.md operation it names, and each still fails
// against the supergraph. The day one validates, this test fails: move it into the typed
// build (a graphql() document beside its screen) and delete it from web/pending/.
import { describe, expect, it } from '@jest/globals';
import { buildSchema, Kind, parse, validate, type OperationDefinitionNode } from 'graphql';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const PENDING = fileURLToPath(new URL('../pending/', import.meta.url));
const schema = buildSchema(readFileSync(fileURLToPath(new URL('../src/graphql/schema.graphql', import.meta.url)), 'utf8'));

/** API.md, Workflows: the operations whose names and meanings the hub keeps. */
const WORKFLOWS = ['recipientCheck', 'submitApplication', 'application', 'submitReport', 'submitProposal', 'submitObjection'];

const documents = readdirSync(PENDING)
  .filter((f) => f.endsWith('.graphql'))
  .map((file) => ({ file, document: parse(readFileSync(PENDING + file, 'utf8')) }));

describe('pending workflow documents', () => {
  it('cover every workflow of API.md, one operation each', () => {
    const fields = documents.map(({ document }) => {
      const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
      const [field] = operation.selectionSet.selections;
      return field?.kind === Kind.FIELD ? field.name.value : undefined;
    });
    expect(fields.sort()).toEqual([...WORKFLOWS].sort());
  });

  it.each(documents.map((d) => [d.file, d.document] as const))('%s is still pending: the supergraph does not have its field yet', (_file, document) => {
    const errors = validate(schema, document).map((e) => e.message);
    expect(errors.some((m) => /Cannot query field "(recipientCheck|submitApplication|application|submitReport|submitProposal|submitObjection)"/.test(m))).toBe(true);
  });
});
