/**
 * Operators' curation of DTKS (API.md, Workflows; SIKS-NG): a kelurahan operator deactivates
 * a member who became capable, moved or died, or reactivates one, for people domiciled in its
 * region only (population says where, asked through the gateway). Every change is a version
 * with who, role, when, why, before and after, in one transaction with the record, and a
 * retry with the same requestId changes nothing more. The change shows at once in
 * `person { dtks }` and in eligibility (IN_DTKS), and in the next analytics refresh.
 */
import { type Caller, inCallerRegion, isRegionBound, MAY, ROOT_FIELD, SERVICE_ROLE } from '@tepat/auth';
import { badInput, nikArg, textArg, todayInJakarta, type DtksReason } from '@tepat/core';
import { askGateway, dtksReasonEnum, forbidden, GatewayUnavailable, requestIdReused, requestKey, type RequestKey } from '@tepat/subgraph-kit';
import { GraphQLError } from 'graphql';
import { builder } from '../builder.js';
import type { Context } from '../context.js';
import type { Prisma } from '../generated/prisma/client.ts';
import type { DtksRow } from '../loaders.js';
import { DtksRecord, recordState } from './dtks-record.js';

const DtksReasonEnum = dtksReasonEnum(builder);

/** Where the person lives, by population: a village code, null when population does not know the NIK. */
async function domicileOf(ctx: Context, nik: string): Promise<{ villageCode: string; kk: string } | null> {
  try {
    const answer = await askGateway<{ person: { villageCode: string; kk: string } | null }>(
      ctx.gateway,
      'query Domicile($nik: String!) { person(nik: $nik) { villageCode kk } }',
      { nik },
    );
    if (answer.errors?.length || !answer.data) throw new GatewayUnavailable(false);
    return answer.data.person;
  } catch (error) {
    if (!(error instanceof GatewayUnavailable)) throw error;
    throw new GraphQLError('Population could not say where the person lives just now; nothing was changed. Try again.', {
      extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'population' },
    });
  }
}

/**
 * An operator may change only the records of people domiciled in its region; a person
 * outside it and a NIK population does not know are refused alike. The hub's own services
 * (an upheld objection, an accepted proposal) act for an operator who already decided.
 */
async function requireDomicile(ctx: Context, nik: string) {
  const home = await domicileOf(ctx, nik);
  if (ctx.caller.role === SERVICE_ROLE) return home;
  if (!home || (isRegionBound(ctx.caller) && !inCallerRegion(ctx.caller, home.villageCode))) {
    throw forbidden(ctx.caller, 'the DTKS records of people not domiciled in its region');
  }
  return home;
}

/** The record an earlier request with this requestId changed; BAD_USER_INPUT when it asked something else. */
async function answered(ctx: Context, key: RequestKey): Promise<DtksRow | undefined> {
  const request = await ctx.prisma.dtksRequest.findUnique({ where: { requestId: key.requestId } });
  if (!request) return undefined;
  if (request.fingerprint !== key.fingerprint) throw requestIdReused();
  return (await ctx.prisma.dtksMember.findUnique({ where: { nik: request.nik } }))!;
}

interface Change {
  change: 'DEACTIVATED' | 'REACTIVATED' | 'ADMITTED';
  /** The status the record must have now (none: it must not exist). */
  from: 'ACTIVE' | 'INACTIVE' | null;
  data: { status: 'ACTIVE' | 'INACTIVE'; statusReason: DtksReason | null; kk?: string; decile?: null };
  reason?: DtksReason | null;
  note: string | null;
  reference: string | null;
}

function actorOf(caller: Caller) {
  return { actorRole: caller.role, actorSubject: caller.subject ?? null, actorRegion: caller.region ?? null };
}

/** Applies one change with its version and request, in one transaction; a record no longer as expected is refused. */
async function curate(ctx: Context, nik: string, key: RequestKey, change: Change): Promise<DtksRow> {
  const now = new Date();
  const today = new Date(`${todayInJakarta()}T00:00:00Z`);
  try {
    return await ctx.prisma.$transaction(async (tx) => {
      const before = await tx.dtksMember.findUnique({ where: { nik } });
      if (change.from === null && before) throw badInput('nik', `already has a DTKS record (${before.status}).`);
      if (change.from !== null && !before) throw badInput('nik', 'has no DTKS record.');
      if (before && before.status !== change.from) {
        throw badInput('nik', `has a DTKS record that is ${before.status}${before.statusReason ? ` (${before.statusReason})` : ''}; it cannot be ${change.change.toLowerCase()}.`);
      }
      const values = { ...change.data, updatedOn: today, curatedAt: now };
      // Only while the record is still as read: a change made meanwhile by someone else wins, and this one is refused.
      let after: DtksRow;
      if (before) {
        const { count } = await tx.dtksMember.updateMany({ where: { nik, status: before.status, updatedOn: before.updatedOn }, data: values });
        if (count === 0) throw badInput('nik', 'has a DTKS record that changed meanwhile; read it again before changing it.');
        after = (await tx.dtksMember.findUnique({ where: { nik } }))!;
      } else {
        after = await tx.dtksMember.create({ data: { nik, kk: change.data.kk!, decile: null, ...values } });
      }
      await tx.dtksMemberVersion.create({
        data: {
          nik,
          at: now,
          ...actorOf(ctx.caller),
          change: change.change,
          reason: change.reason ?? null,
          note: change.note,
          reference: change.reference,
          before: before ? (recordState(before) as Prisma.InputJsonValue) : undefined,
          after: recordState(after) as Prisma.InputJsonValue,
        },
      });
      await tx.dtksRequest.create({ data: { ...key, nik, at: now } });
      return after;
    });
  } catch (error) {
    // The same request twice at once: the first one's record is the answer.
    if ((error as { code?: string }).code === 'P2002') {
      const same = await answered(ctx, key);
      if (same) return same;
    }
    throw error;
  }
}

const note = (value: string | null | undefined) => (value == null ? null : textArg('note', value, 2000, { multiline: true }));
/** What a change answers (an objection's or a proposal's receipt): the hub's own services say it. */
const reference = (ctx: Context, value: string | null | undefined) => {
  if (value == null) return null;
  if (ctx.caller.role !== SERVICE_ROLE) throw badInput('reference', 'is given by the hub itself, for changes that answer a case.');
  return textArg('reference', value, 40);
};

builder.mutationFields((t) => ({
  deactivateDtksMember: t.field({
    type: DtksRecord,
    description:
      "Deactivates a DTKS member who became capable, moved, died or is a duplicate (SIKS-NG), with the reason and a note: OPERATOR of the person's region. A new version with who, when, why, before and after; shows at once in person { dtks } and in eligibility.",
    tag: ROOT_FIELD.PERSONAL,
    authScopes: { roles: MAY.curateDtks },
    args: {
      nik: t.arg.string({ required: true, description: "The member's 16-digit NIK." }),
      reason: t.arg({ type: DtksReasonEnum, required: true, description: 'Why: MAMPU, PINDAH, MENINGGAL, DUPLIKAT or LAINNYA.' }),
      note: t.arg.string({ description: 'What the operator found, e.g. the date of death or the new address.' }),
      reference: t.arg.string({ description: "For the hub itself: the objection's receipt an upheld objection deactivates for." }),
      requestId: t.arg.string({ required: true, description: 'Chosen by the caller: a retry with it changes nothing more.' }),
    },
    resolve: async (_root, args, ctx) => {
      const nik = nikArg('nik', args.nik);
      const key = requestKey('deactivateDtksMember', args.requestId, { nik, reason: args.reason, note: args.note ?? null, reference: args.reference ?? null });
      const earlier = await answered(ctx, key);
      if (earlier) return earlier;
      const change: Change = {
        change: 'DEACTIVATED',
        from: 'ACTIVE',
        data: { status: 'INACTIVE', statusReason: args.reason },
        reason: args.reason,
        note: note(args.note),
        reference: reference(ctx, args.reference),
      };
      await requireDomicile(ctx, nik);
      return curate(ctx, nik, key, change);
    },
  }),
  reactivateDtksMember: t.field({
    type: DtksRecord,
    description: "Reactivates an INACTIVE DTKS member (a mistaken deactivation, a return), with a note: OPERATOR of the person's region. A new version.",
    tag: ROOT_FIELD.PERSONAL,
    authScopes: { roles: MAY.curateDtks },
    args: {
      nik: t.arg.string({ required: true, description: "The member's 16-digit NIK." }),
      note: t.arg.string({ description: 'Why.' }),
      reference: t.arg.string({ description: "For the hub itself: the proposal's receipt an accepted proposal reactivates for." }),
      requestId: t.arg.string({ required: true, description: 'Chosen by the caller: a retry with it changes nothing more.' }),
    },
    resolve: async (_root, args, ctx) => {
      const nik = nikArg('nik', args.nik);
      const key = requestKey('reactivateDtksMember', args.requestId, { nik, note: args.note ?? null, reference: args.reference ?? null });
      const earlier = await answered(ctx, key);
      if (earlier) return earlier;
      const change: Change = {
        change: 'REACTIVATED',
        from: 'INACTIVE',
        data: { status: 'ACTIVE', statusReason: null },
        note: note(args.note),
        reference: reference(ctx, args.reference),
      };
      await requireDomicile(ctx, nik);
      return curate(ctx, nik, key, change);
    },
  }),
  admitDtksMember: t.field({
    type: DtksRecord,
    description:
      "For the hub itself, when an operator accepts a proposal (usul): the person enters DTKS ACTIVE on population's family card, with the decile pending verification until an import brings one.",
    tag: ROOT_FIELD.PERSONAL,
    authScopes: { roles: MAY.admitToDtks },
    args: {
      nik: t.arg.string({ required: true, description: "The person's 16-digit NIK; population must know it." }),
      reference: t.arg.string({ required: true, description: "The proposal's receipt." }),
      note: t.arg.string({ description: 'What the operator found.' }),
      requestId: t.arg.string({ required: true, description: 'A retry with it changes nothing more.' }),
    },
    resolve: async (_root, args, ctx) => {
      const nik = nikArg('nik', args.nik);
      const key = requestKey('admitDtksMember', args.requestId, { nik, reference: args.reference, note: args.note ?? null });
      const earlier = await answered(ctx, key);
      if (earlier) return earlier;
      const home = await requireDomicile(ctx, nik);
      if (!home) throw badInput('nik', 'is not in population.');
      const change: Change = {
        change: 'ADMITTED',
        from: null,
        data: { status: 'ACTIVE', statusReason: null, kk: home.kk },
        note: note(args.note),
        reference: reference(ctx, args.reference),
      };
      return curate(ctx, nik, key, change);
    },
  }),
}));
