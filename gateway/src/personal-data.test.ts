import { describe, expect, it } from '@jest/globals';
import { buildSchema, parse } from 'graphql';
import { readSupergraph } from './compose.js';
import { BUILD_ANSWERED_FIELDS } from './response-cache.js';
import {
  AUDITED_FOR_EVERY_CALLER,
  IMPERSONAL_ROOT_FIELDS,
  maskOthers,
  niksTouched,
  PERSONAL_ROOT_FIELDS,
  PUBLIC_WORKFLOW_FIELDS,
  readsPersonalData,
  type Operation,
} from './personal-data.js';
import { rootFieldTags } from './root-field-tags.js';

const schema = buildSchema(readSupergraph());
const op = (query: string, variables?: Record<string, unknown>): Operation => ({ schema, document: parse(query), variables });

const BUDI = '3510010404800001';
const SITI = '3510014505820002';

describe('root fields', () => {
  it('are each classified as personal or not, so a new one needs a decision', () => {
    const roots = [...Object.keys(schema.getQueryType()!.getFields()), ...Object.keys(schema.getMutationType()!.getFields())];
    const unclassified = roots.filter((f) => !PERSONAL_ROOT_FIELDS.has(f) && !IMPERSONAL_ROOT_FIELDS.has(f));
    expect(unclassified).toEqual([]);
    expect(roots.filter((f) => PERSONAL_ROOT_FIELDS.has(f) && IMPERSONAL_ROOT_FIELDS.has(f))).toEqual([]);
  });

  it('say so with tags on the fields, which the gateway reads from the supergraph', () => {
    const sdl = `type Query {
      person(nik: String!): String @tag(name: "tepat/personal")
      recipientCheck: String @tag(name: "tepat/personal") @tag(name: "tepat/audited") @tag(name: "tepat/public-workflow")
      targetingAccuracy: String @tag(name: "tepat/impersonal") @tag(name: "tepat/build-answered")
      untagged: String
    }
    type Mutation { submitReport: String @tag(name: "tepat/audited") }`;
    const tags = rootFieldTags(sdl);
    expect(Object.fromEntries([...tags].map(([field, t]) => [field, [...t].sort()]))).toEqual({
      person: ['tepat/personal'],
      recipientCheck: ['tepat/audited', 'tepat/personal', 'tepat/public-workflow'],
      targetingAccuracy: ['tepat/build-answered', 'tepat/impersonal'],
      untagged: [],
      submitReport: ['tepat/audited'],
    });
    // What is logged whoever asks is personal; what the gateway keeps per build is not.
    for (const field of AUDITED_FOR_EVERY_CALLER) expect(PERSONAL_ROOT_FIELDS.has(field)).toBe(true);
    for (const field of PUBLIC_WORKFLOW_FIELDS) expect(AUDITED_FOR_EVERY_CALLER.has(field)).toBe(true);
    for (const field of BUILD_ANSWERED_FIELDS) expect(IMPERSONAL_ROOT_FIELDS.has(field)).toBe(true);
    expect([...AUDITED_FOR_EVERY_CALLER]).toEqual(expect.arrayContaining(['recipientCheck', 'submitApplication', 'caseQueue']));
    expect([...BUILD_ANSWERED_FIELDS]).toEqual(expect.arrayContaining(['targetingAccuracy', 'simulateRuleSet']));
  });

  it('make an operation personal through aliases and fragments', () => {
    expect(readsPersonalData(op('{ ruleSets { code } }'))).toBe(false);
    expect(readsPersonalData(op(`{ r: ruleSets { code } p: person(nik: "${BUDI}") { nik } }`))).toBe(true);
    expect(readsPersonalData(op(`{ ...Q } fragment Q on Query { family(kk: "1") { kk } }`))).toBe(true);
  });
});

describe('masking', () => {
  const FAMILY = `query ($nik: String!) { person(nik: $nik) { nik fullName family { members { nik fullName registry { fullName } aidHistory { nik } } } } }`;
  const answer = () => ({
    person: {
      nik: BUDI,
      fullName: 'Budi Santoso',
      family: {
        members: [
          { nik: BUDI, fullName: 'Budi Santoso', registry: { fullName: 'Budi Santoso' }, aidHistory: [] },
          { nik: SITI, fullName: 'Siti Aminah', registry: { fullName: 'Siti Aminah' }, aidHistory: [{ nik: SITI }] },
        ],
      },
    },
  });

  it("keeps the subject whole and masks other people's NIKs and names, nested records included", () => {
    const data = answer();
    maskOthers(op(FAMILY, { nik: BUDI }), data, []);
    expect(data.person.family.members).toEqual([
      { nik: BUDI, fullName: 'Budi Santoso', registry: { fullName: 'Budi Santoso' }, aidHistory: [] },
      { nik: '3510********0002', fullName: 'S*** A*****', registry: { fullName: 'S*** A*****' }, aidHistory: [{ nik: '3510********0002' }] },
    ]);
  });

  it('masks a member whose NIK is not selected, since it cannot be shown to be the subject', () => {
    const data = { person: { family: { members: [{ fullName: 'Budi Santoso' }] } } };
    maskOthers(op(`{ person(nik: "${BUDI}") { family { members { fullName } } } }`), data, []);
    expect(data.person.family.members[0]!.fullName).toBe('B*** S******');
  });

  it('treats every person a search returns as a subject', () => {
    const data = { searchPersons: { persons: [{ nik: BUDI, fullName: 'Budi Santoso' }, { nik: SITI, fullName: 'Siti Aminah' }] } };
    maskOthers(op('{ searchPersons(name: "san") { persons { nik fullName } } }'), data, []);
    expect(data.searchPersons.persons[1]).toEqual({ nik: SITI, fullName: 'Siti Aminah' });
  });

  it("keeps a data-quality item's person whole, as a root field's own, and masks a ghost's NIK and another collector's", () => {
    const GHOST = '3510019901990001';
    const QUEUE = '{ dataQualityItems(region: "35.10") { nodes { nik person { nik fullName } evidence { payments { nik } } } } }';
    const data = {
      dataQualityItems: {
        nodes: [
          // A family paid twice, about its head BUDI; SITI collected the second payment.
          { nik: BUDI, person: { nik: BUDI, fullName: 'Budi Santoso' }, evidence: { payments: [{ nik: BUDI }, { nik: SITI }] } },
          // Population does not know a ghost: no person, so nothing makes its NIK a subject.
          { nik: GHOST, person: null, evidence: { payments: [{ nik: GHOST }] } },
        ],
      },
    };
    maskOthers(op(QUEUE), data, []);
    expect(data.dataQualityItems.nodes).toEqual([
      { nik: BUDI, person: { nik: BUDI, fullName: 'Budi Santoso' }, evidence: { payments: [{ nik: BUDI }, { nik: '3510********0002' }] } },
      { nik: '3510********0001', person: null, evidence: { payments: [{ nik: '3510********0001' }] } },
    ]);
  });

  it('masks NIKs inside evidence unless they are the subject', () => {
    const data = { eligibility: { nik: BUDI, checks: [{ evidence: { recent: [{ nik: SITI }, { nik: BUDI }] } }] } };
    maskOthers(op(`{ eligibility(nik: "${BUDI}", ruleSet: "X") { nik checks { evidence } } }`), data, []);
    expect(data.eligibility.checks[0]!.evidence).toEqual({ recent: [{ nik: '3510********0002' }, { nik: BUDI }] });
  });

  it('masks 16-digit numbers in error messages unless they are a subject', () => {
    const errors = [{ message: `about ${BUDI} and ${SITI}` }];
    maskOthers(op(`{ person(nik: "${BUDI}") { nik } }`), { person: null }, errors);
    expect(errors[0]!.message).toBe(`about ${BUDI} and 3510********0002`);
    const unparsed = [{ message: `bad ${BUDI}` }];
    maskOthers(undefined, undefined, unparsed);
    expect(unparsed[0]!.message).toBe('bad 3510********0001');
  });
});

describe('NIKs touched, for the access log', () => {
  it('are the arguments and every NIK in the answer, whole, once each', () => {
    const touched = niksTouched(op(`query ($niks: [String!]!) { eligibilityBatch(niks: $niks, ruleSet: "X") { nik } }`, { niks: [SITI, BUDI, BUDI] }), {
      eligibilityBatch: [{ nik: SITI }, { nik: BUDI }, { nik: BUDI }],
    });
    expect(touched).toEqual([BUDI, SITI]);
  });
});
