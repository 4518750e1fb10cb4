// Every subgraph's printed schema is committed, so each schema change is visible in review (STYLE.md).
// After a change: `npm run print-schema -w @tepat/<subgraph>`.
import { describe, expect, it } from '@jest/globals';
import { printedSchema, SUBGRAPH_NAMES } from '@tepat/subgraph-kit';
import { readFileSync } from 'node:fs';
import { subgraphs } from '../packages/cli/src/subgraphs.js';

describe('committed schema.graphql', () => {
  it.each(SUBGRAPH_NAMES)('of %s matches the schema the code builds', async (name) => {
    const definition = await subgraphs[name]();
    const committed = readFileSync(new URL(`../subgraphs/${name}/schema.graphql`, import.meta.url), 'utf8');
    expect(printedSchema(definition)).toBe(committed);
  });
});
