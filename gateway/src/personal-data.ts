/**
 * Personal data in an answer, seen from the gateway, the one place that sees a whole
 * answer: which NIKs it touches (for the access log) and masking of other people's NIKs,
 * names and days of birth for callers who may not see them whole (issue 8: "in data,
 * evidence and errors alike"; issue 21: a masked NIK must not be rebuilt from the rest).
 *
 * The subject of a request is whoever the caller asked about: the NIKs in the root fields'
 * `nik`/`niks` arguments, and the persons a root field returns directly (a person, search
 * results, the members of a family asked by KK). People reached through another person
 * (the subject's family members) are others. Masking happens here, not in the subgraphs,
 * because a NIK is also the key the gateway joins subgraphs on: masked at the source, the
 * join would break.
 */
import { FIELD_TAGS } from '@tepat/auth';
import { maskBirthDate, maskName, maskNik } from '@tepat/core';
import {
  getArgumentValues,
  getNamedType,
  getOperationAST,
  isAbstractType,
  isLeafType,
  isObjectType,
  Kind,
  type DocumentNode,
  type FieldNode,
  type GraphQLCompositeType,
  type GraphQLObjectType,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';
import { rootFieldsTagged } from './root-field-tags.js';

/**
 * Root fields whose every answer goes to the access log whoever asks, PUBLIC included: the
 * public recipient check is a look-up of a person's aid, and a case filed or followed names
 * one (API.md, Workflows: "audited like other personal reads"). Tagged `ROOT_FIELD.AUDITED`
 * or `PUBLIC_WORKFLOW` where the subgraph defines them.
 */
export const AUDITED_FOR_EVERY_CALLER = rootFieldsTagged(FIELD_TAGS.audited);

/**
 * Root fields whose answers carry personal data: reading them as AUDITOR or OPERATOR is
 * logged, and AUDITOR must state a purpose. A test fails when a root field of the
 * supergraph is tagged neither personal nor impersonal, so a new field gets a decision.
 */
export const PERSONAL_ROOT_FIELDS = rootFieldsTagged(FIELD_TAGS.personal);

/** The public's workflows, held to a stricter per-address limit than other PUBLIC calls (API.md, Workflows). */
export const PUBLIC_WORKFLOW_FIELDS = rootFieldsTagged(FIELD_TAGS.publicWorkflow);

/** Root fields whose answers carry no person: counts, sums, reference data. */
export const IMPERSONAL_ROOT_FIELDS = rootFieldsTagged(FIELD_TAGS.impersonal);

const SIXTEEN_DIGITS = /\b\d{16}\b/g;

export interface Operation {
  schema: GraphQLSchema;
  document: DocumentNode;
  operationName?: string | null;
  variables?: Record<string, unknown>;
}

/** The root fields an operation selects (aliases resolved to field names). */
export function rootFieldsOf(op: Operation): string[] {
  const operation = getOperationAST(op.document, op.operationName ?? undefined);
  if (!operation) return [];
  const root = op.schema.getRootType(operation.operation);
  if (!root) return [];
  return [...new Set(fieldNodes(op, operation.selectionSet, root, undefined).map((f) => f.name.value))];
}

export function readsPersonalData(op: Operation): boolean {
  return rootFieldsOf(op).some((f) => PERSONAL_ROOT_FIELDS.has(f));
}

/** Whether an operation is logged whoever asks (AUDITED_FOR_EVERY_CALLER). */
export function auditedForEveryCaller(op: Operation): boolean {
  return rootFieldsOf(op).some((f) => AUDITED_FOR_EVERY_CALLER.has(f));
}

interface Walk {
  subjects: Set<string>;
  /** Every NIK seen in the data, whole. */
  seen: Set<string>;
  mask: boolean;
}

/**
 * Walks the answer along the operation: collects subjects and every NIK, and with `mask`
 * replaces other people's NIKs and names in place.
 */
function walk(op: Operation, data: unknown, state: Walk): void {
  const operation = getOperationAST(op.document, op.operationName ?? undefined);
  const root = operation && op.schema.getRootType(operation.operation);
  if (!operation || !root || !isRecord(data)) return;
  for (const node of fieldNodes(op, operation.selectionSet, root, data)) {
    const field = root.getFields()[node.name.value];
    if (!field) continue;
    try {
      const args = getArgumentValues(field, node, op.variables);
      for (const name of ['nik', 'niks']) {
        for (const nik of [args[name]].flat()) if (typeof nik === 'string') state.subjects.add(nik);
      }
    } catch {
      // Arguments the gateway could not read were refused anyway; nothing to collect.
    }
  }
  visitObject(op, data, operation.selectionSet, root, { underPerson: false, subjectPerson: false }, state);
}

interface Place {
  /** Inside some Person's part of the answer. */
  underPerson: boolean;
  /** That Person is a subject. */
  subjectPerson: boolean;
}

function visitObject(op: Operation, object: Record<string, unknown>, selection: SelectionSetNode, type: GraphQLCompositeType, place: Place, state: Walk) {
  const concrete = concreteType(op.schema, type, object);
  for (const node of fieldNodes(op, selection, concrete ?? type, object)) {
    const key = node.alias?.value ?? node.name.value;
    if (!(key in object) || !concrete) continue;
    const field = concrete.getFields()[node.name.value];
    if (!field) continue;
    const named = getNamedType(field.type);
    const value = object[key];
    if (isLeafType(named)) {
      if (named.name === 'JSON') visitJson(value, state);
      else if (node.name.value === 'nik' && typeof value === 'string') {
        state.seen.add(value);
        if (state.mask && !state.subjects.has(value)) object[key] = maskNik(value);
      } else if (typeof value === 'string' && state.mask && place.underPerson && !place.subjectPerson) {
        // What would rebuild a masked NIK or name another person: their name and day of birth.
        if (node.name.value === 'fullName') object[key] = maskName(value);
        else if (node.name.value === 'birthDate') object[key] = maskBirthDate(value);
      }
      continue;
    }
    if (!node.selectionSet) continue;
    for (const item of flatten(value)) {
      if (!isRecord(item)) continue;
      let inner = place;
      if (named.name === 'Person') {
        const nik = selectedNik(op, node.selectionSet, item);
        // A person returned straight by a root field is a subject; one reached through another person is not, unless it is a subject itself.
        const subject = !place.underPerson || (nik !== undefined && state.subjects.has(nik));
        if (subject && nik !== undefined && !place.underPerson) state.subjects.add(nik);
        inner = { underPerson: true, subjectPerson: subject };
      }
      visitObject(op, item, node.selectionSet, named as GraphQLCompositeType, inner, state);
    }
  }
}

/** Evidence and log records, in place: any `nik` inside is masked unless it is a subject's. */
function visitJson(value: unknown, state: Walk): void {
  if (Array.isArray(value)) return value.forEach((v) => visitJson(v, state));
  if (!isRecord(value)) return;
  for (const [k, v] of Object.entries(value)) {
    if (k === 'nik' && typeof v === 'string' && /^\d{16}$/.test(v)) {
      state.seen.add(v);
      if (state.mask && !state.subjects.has(v)) value[k] = maskNik(v);
    } else visitJson(v, state);
  }
}

/** The NIK a Person object answers, under whatever alias the caller chose. */
function selectedNik(op: Operation, selection: SelectionSetNode, object: Record<string, unknown>): string | undefined {
  const type = op.schema.getType('Person') as GraphQLObjectType;
  for (const node of fieldNodes(op, selection, type, object)) {
    const value = object[node.alias?.value ?? node.name.value];
    if (node.name.value === 'nik' && typeof value === 'string') return value;
  }
  return undefined;
}

/** The fields of a selection that apply to an object of `type`, through fragments. */
function fieldNodes(op: Operation, selection: SelectionSetNode, type: GraphQLCompositeType, object: Record<string, unknown> | undefined): FieldNode[] {
  const out: FieldNode[] = [];
  const applies = (condition: string | undefined) => {
    if (!condition || condition === type.name) return true;
    const conditionType = op.schema.getType(condition);
    if (conditionType && isAbstractType(conditionType) && isObjectType(type)) return op.schema.isSubType(conditionType, type);
    // The object's own type when the selection is on an abstract type; when unknown, include (mask more, never less).
    return typeof object?.__typename === 'string' ? object.__typename === condition : isAbstractType(type);
  };
  for (const s of selection.selections) {
    if (s.kind === Kind.FIELD) out.push(s);
    else if (s.kind === Kind.INLINE_FRAGMENT) {
      if (applies(s.typeCondition?.name.value)) out.push(...fieldNodes(op, s.selectionSet, type, object));
    } else {
      const fragment = op.document.definitions.find((d) => d.kind === Kind.FRAGMENT_DEFINITION && d.name.value === s.name.value);
      if (fragment?.kind === Kind.FRAGMENT_DEFINITION && applies(fragment.typeCondition.name.value)) {
        out.push(...fieldNodes(op, fragment.selectionSet, type, object));
      }
    }
  }
  return out;
}

function concreteType(schema: GraphQLSchema, type: GraphQLCompositeType, object: Record<string, unknown>): GraphQLObjectType | undefined {
  if (isObjectType(type)) return type;
  const named = typeof object.__typename === 'string' ? schema.getType(object.__typename) : undefined;
  return named && isObjectType(named) ? named : undefined;
}

function flatten(value: unknown): unknown[] {
  return Array.isArray(value) ? value.flatMap(flatten) : [value];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every NIK an answer asked about or returned, whole: what the access log records. */
export function niksTouched(op: Operation, data: unknown): string[] {
  const state: Walk = { subjects: new Set(), seen: new Set(), mask: false };
  walk(op, data, state);
  return [...new Set([...state.subjects, ...state.seen])].filter((nik) => /^\d{16}$/.test(nik)).sort();
}

/** Root-field arguments that name someone other than by NIK (issue 21: "every argument that identifies someone"). */
const KK_ARGUMENTS = ['kk', 'kks'];
const NAME_ARGUMENTS = ['name', 'names'];

/**
 * Whose data a read touched, for the access log: the NIKs asked about or answered (those the
 * query selected and those the subgraphs report they answered about, `personsRead`), the
 * family cards and names asked for, and the root fields, whatever the caller named them.
 */
export function personalDataOf(op: Operation, data: unknown, personsRead: Iterable<string>) {
  const kks = new Set<string>();
  const names = new Set<string>();
  const operation = getOperationAST(op.document, op.operationName ?? undefined);
  const root = operation && op.schema.getRootType(operation.operation);
  if (operation && root) {
    for (const node of fieldNodes(op, operation.selectionSet, root, isRecord(data) ? data : undefined)) {
      const field = root.getFields()[node.name.value];
      if (!field) continue;
      let args: Record<string, unknown>;
      try {
        args = getArgumentValues(field, node, op.variables);
      } catch {
        continue; // Arguments the gateway could not read were refused anyway.
      }
      for (const name of KK_ARGUMENTS) for (const kk of [args[name]].flat()) if (typeof kk === 'string') kks.add(kk);
      for (const name of NAME_ARGUMENTS) for (const given of [args[name]].flat()) if (typeof given === 'string') names.add(given);
    }
  }
  return {
    rootFields: rootFieldsOf(op),
    niks: [...new Set([...niksTouched(op, data), ...personsRead])].sort(),
    kks: [...kks].sort(),
    names: [...names].sort(),
  };
}

/**
 * Masks, in place, other people's NIKs and names in `data` and any 16-digit number that is
 * not a subject's NIK in error messages. Returns the subjects.
 */
export function maskOthers(op: Operation | undefined, data: unknown, errors: { message: string }[] | undefined): void {
  const state: Walk = { subjects: new Set(), seen: new Set(), mask: false };
  if (op) {
    // First the subjects (a subject may appear again further down), then the masking.
    walk(op, data, state);
    walk(op, data, { ...state, seen: new Set(), mask: true });
  }
  for (const error of errors ?? []) {
    error.message = error.message.replace(SIXTEEN_DIGITS, (digits) => (state.subjects.has(digits) ? digits : maskNik(digits)));
  }
}
