// The committed supergraph is what the committed subgraph schemas compose to, and a
// schema that breaks composition is refused with composition's own words.
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { composeSupergraph, readSupergraph, subgraphSchemaPath } from './compose.js';

describe('the supergraph', () => {
  it('is committed up to date (run `npm run compose -w @tepat/gateway` after a schema change)', () => {
    expect(readSupergraph()).toBe(composeSupergraph());
  });

  it('joins Person across every subgraph by nik', () => {
    const person = /type Person\n((?:\s+@join__type\([^)]*\)\n)+)/.exec(readSupergraph())![1]!;
    for (const graph of ['POPULATION', 'DTKS', 'VACCINATION', 'CIVIL_SERVICE', 'AID_HISTORY']) {
      expect(person).toContain(`@join__type(graph: ${graph}, key: "nik"`);
    }
  });

  it('refuses subgraphs that do not compose', () => {
    // dtks declaring Person.fullName with another type than population's.
    const dtks = readFileSync(subgraphSchemaPath('dtks'), 'utf8').replace(/type Person\n(\s+@[^\n]+\n)*\{/, (m) => `${m}\n  fullName: Int`);
    expect(() => composeSupergraph({ dtks })).toThrow(/do not compose:\n- .*fullName/s);
  });
});
