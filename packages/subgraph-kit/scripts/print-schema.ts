/**
 * Writes a subgraph's printed schema to its committed `schema.graphql`: `npm run print-schema`
 * in the subgraph's folder, after any schema change.
 */
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { printedSchema, type SubgraphDefinition } from '../src/index.js';

const dir = resolve(process.argv[2] ?? '.');
const { subgraph } = (await import(pathToFileURL(join(dir, 'src/index.ts')).href)) as { subgraph: Pick<SubgraphDefinition, 'schema'> };
writeFileSync(join(dir, 'schema.graphql'), printedSchema(subgraph));
console.log(`Wrote ${join(dir, 'schema.graphql')}`);
