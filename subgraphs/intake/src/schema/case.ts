/**
 * What every case shares (API.md, Workflows: "can be read back with its history"): its
 * receipt, whom it is about, who filed it, its status, and every change of it.
 */
import { MAY, type Caller } from '@tepat/auth';
import { todayInJakarta } from '@tepat/core';
import { builder } from '../builder.js';
import type { CaseEventRow, CaseRow } from '../db.js';

export const LanguageEnum = builder.enumType('Language', {
  description: 'The language of words written for people: Indonesian by default.',
  values: { ID: { description: 'Bahasa Indonesia.' }, EN: { description: 'English.' } } as const,
});

export const CaseKindEnum = builder.enumType('CaseKind', {
  description: 'What was filed.',
  values: {
    APPLICATION: { description: "An application for a programme (Jembrana's I-BAN)." },
    REPORT: { description: "A community report of someone in need (Banyuwangi's Smart Kampung)." },
    COMPLAINT: { description: "A complaint about a payment at a help desk (Bengkulu Utara's posko keluhan)." },
    PROPOSAL: { description: 'A proposal (usul) to add a person to DTKS (Portal Bansos Digital).' },
    OBJECTION: { description: 'An objection (sanggah) to a DTKS member or recipient (Cek Bansos).' },
  } as const,
});

export const CASE_STATUSES = [
  'PENDING',
  'ACCEPTED',
  'REJECTED',
  'QUEUED',
  'VERIFIED',
  'DISMISSED',
  'OPEN',
  'IN_PROGRESS',
  'RESOLVED',
  'CLOSED',
  'UPHELD',
  'EXPIRED',
] as const;

export const CaseStatusEnum = builder.enumType('CaseStatus', {
  description: "Any case's status; each kind of case also gives its own, narrower `status`.",
  values: Object.fromEntries(CASE_STATUSES.map((s) => [s, {}])) as Record<(typeof CASE_STATUSES)[number], object>,
});

/** Who filed a case or changed it: a role, and the token's subject and region when it has them. */
interface Actor {
  role: string;
  subject: string | null;
  region: string | null;
}

const ActorRef = builder.objectRef<Actor>('CaseActor').implement({
  description: 'Who acted: a role, and the subject and region of its token (a citizen without a token is PUBLIC).',
  fields: (t) => ({
    role: t.exposeString('role', { description: 'PUBLIC, REGIONAL_APP, FACILITATOR, OPERATOR, or SERVICE for the hub itself.' }),
    subject: t.exposeString('subject', { nullable: true, description: 'Who the token was issued to; not shown to PUBLIC callers.' }),
    region: t.exposeString('region', { nullable: true, description: 'The region the token is bound to.' }),
  }),
});

/** Officers' token subjects are theirs to see, not the public's. */
function actorFor(caller: Caller, role: string, subject: string | null, region: string | null): Actor {
  return { role, subject: caller.role === 'PUBLIC' ? null : subject, region };
}

const CaseEventRef = builder.objectRef<CaseEventRow>('CaseEvent').implement({
  description: 'One change of a case, as it was made; the history is never changed.',
  fields: (t) => ({
    at: t.string({ description: 'When (ISO 8601, UTC).', resolve: (e) => e.at.toISOString() }),
    by: t.field({ type: ActorRef, description: 'Who made it.', resolve: (e, _a, ctx) => actorFor(ctx.caller, e.actorRole, e.actorSubject, e.actorRegion) }),
    onBehalfOf: t.exposeString('onBehalfOf', {
      nullable: true,
      description: 'The NIK of the person a facilitator, an app or a desk acted for; null when people act for themselves.',
    }),
    fromStatus: t.field({ type: CaseStatusEnum, nullable: true, description: 'The status before; null when the case was filed.', resolve: (e) => e.fromStatus as never }),
    toStatus: t.field({ type: CaseStatusEnum, description: 'The status after.', resolve: (e) => e.toStatus as never }),
    note: t.exposeString('note', { nullable: true, description: 'Why: the reason, the resolution, the note.' }),
  }),
});

/** A person the hub knows by NIK: the rest of the record comes from population, for callers it lets read it. */
export const PersonRef = builder.externalRef('Person', builder.selection<{ nik: string }>('nik')).implement({
  authScopes: { roles: MAY.listCases },
  fields: (t) => ({ nik: t.exposeString('nik', { description: 'The 16-digit NIK.' }) }),
});

/** Whether a complaint (or any case with a due day) is still open after its due day. */
export function isOverdue(kase: CaseRow): boolean {
  return kase.dueOn !== null && kase.closedAt === null && kase.dueOn.toISOString().slice(0, 10) < todayInJakarta();
}

export const CaseRef = builder.interfaceRef<CaseRow>('Case').implement({
  description: 'Anything filed through the hub: an application, a report, a complaint, a proposal or an objection.',
  resolveType: (kase) =>
    ({ APPLICATION: 'Application', REPORT: 'Report', COMPLAINT: 'Complaint', PROPOSAL: 'Proposal', OBJECTION: 'Objection' })[kase.kind as 'APPLICATION'],
  fields: (t) => ({
    receipt: t.exposeString('receipt', { description: 'What the person keeps to follow the case (a complaint\'s ticket number).' }),
    kind: t.field({ type: CaseKindEnum, description: 'What was filed.', resolve: (c) => c.kind as never }),
    caseStatus: t.field({ type: CaseStatusEnum, description: 'The status, as any case has one.', resolve: (c) => c.status as never }),
    nik: t.exposeString('nik', { description: 'The NIK of the person the case is about.' }),
    person: t.field({
      type: PersonRef,
      description: 'The person the case is about, composed across the hub for callers who may read the registry.',
      resolve: (c) => ({ nik: c.nik }),
    }),
    program: t.exposeString('program', { nullable: true, description: 'The programme applied for or complained about.' }),
    villageCode: t.exposeString('villageCode', {
      nullable: true,
      description: "The person's village in population when the case was filed: the region whose operators work it.",
    }),
    filedAt: t.string({ description: 'When it was filed (ISO 8601, UTC).', resolve: (c) => c.filedAt.toISOString() }),
    filedBy: t.field({
      type: ActorRef,
      description: 'Who filed it: the person (PUBLIC), a facilitator, a regional app or a desk.',
      resolve: (c, _a, ctx) => actorFor(ctx.caller, c.filedByRole, c.filedBySubject, c.filedByRegion),
    }),
    updatedAt: t.string({ description: 'When its status last changed (ISO 8601, UTC).', resolve: (c) => c.updatedAt.toISOString() }),
    closedAt: t.string({
      nullable: true,
      description: 'When it reached its final status (decided, verified, dismissed, resolved or closed).',
      resolve: (c) => c.closedAt?.toISOString() ?? null,
    }),
    dueOn: t.string({ nullable: true, description: 'The day by which it must be answered, YYYY-MM-DD.', resolve: (c) => c.dueOn?.toISOString().slice(0, 10) ?? null }),
    overdue: t.boolean({ description: 'Still open after its due day.', resolve: (c) => isOverdue(c) }),
    history: t.field({
      type: [CaseEventRef],
      description: 'Every change, oldest first.',
      resolve: (c, _a, ctx) => ctx.loaders.eventsByCase.load(c.id),
    }),
  }),
});
