/**
 * The steps a refresh runs: every SQL file of `analytics/sql/` is a step or the invariants
 * (STYLE.md: no SQL that nothing runs), in file order, a lettered step between its neighbours.
 */
import { expect, it } from '@jest/globals';
import { readdirSync } from 'node:fs';
import { readInvariants, readSteps, SQL_DIR } from './pipeline.js';

it('runs every SQL file of analytics/sql, in order, 08b and 08c after 08 and before the invariants', () => {
  const files = readdirSync(SQL_DIR).filter((f) => f.endsWith('.sql')).sort();
  const steps = readSteps().map((s) => s.file);
  expect([...steps, '09_invariants.sql'].sort()).toEqual(files);
  expect(steps.slice(-3)).toEqual(['08_metric_incidence.sql', '08b_metric_cases.sql', '08c_quality.sql']);
  expect(readInvariants().length).toBeGreaterThan(0);
});
