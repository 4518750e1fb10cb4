/**
 * Applications (API.md, Workflows; Jembrana's I-BAN): the programme's rule set decides at
 * once, in the programme's context, through eligibility. ELIGIBLE is ACCEPTED with where to
 * collect, INELIGIBLE is REJECTED, and UNDETERMINED (a source down) is PENDING, decided
 * again automatically once the sources answer: never accepted on missing facts.
 */
import { SERVICE_ROLE, type Caller } from '@tepat/auth';
import type { EligibilityResult } from '@tepat/rules';
import { CASE_COLUMNS, moveCase, selectCases, type CaseSql, type RequestKey } from './cases.js';
import type { IntakeService } from './context.js';
import type { CaseRow } from './db.js';
import type { Prisma } from './generated/prisma/client.ts';
import { collectionPointOf, decide, type CollectionPointInfo, type ProgramInfo } from './hub.js';

export type ApplicationStatus = 'ACCEPTED' | 'REJECTED' | 'PENDING';

/** What an application rests on, stored with it. */
export interface ApplicationDetail {
  /** The name the applicant gave: IDENTITY compares it, now and when decided again. */
  nameGiven: string;
  programName: string;
  decision: EligibilityResult;
  collectionPoint: CollectionPointInfo | null;
}

const STATUS_OF: Record<EligibilityResult['decision'], ApplicationStatus> = {
  ELIGIBLE: 'ACCEPTED',
  INELIGIBLE: 'REJECTED',
  UNDETERMINED: 'PENDING',
};

/** The hub's own re-decisions are made by the intake service. */
export const INTAKE_ACTOR: Caller = { role: SERVICE_ROLE, subject: 'intake' };

/**
 * Asks eligibility about the applicant under the programme's rule set, in its context, and
 * where to collect in the applicant's district: the programme's point there, else in the
 * regency, else the district office (aid-history decides which; when it cannot answer, the
 * district office, as I-BAN hands aid out at the nearest kecamatan). `villageCode` is where
 * the applicant lives when the caller already asked population; undefined, population is
 * asked beside the decision, and the collection point after it, for an accepted one only.
 */
export async function decideApplication(
  service: IntakeService,
  program: ProgramInfo,
  nik: string,
  nameGiven: string,
  villageCode: string | null | undefined,
): Promise<{ status: ApplicationStatus; detail: ApplicationDetail; villageCode: string | null }> {
  const answer = await decide(service.gateway, { nik, name: nameGiven, ruleSet: program.ruleSet, program: program.code, villageCode });
  const status = STATUS_OF[answer.decision.decision];
  const district = answer.villageCode ? answer.villageCode.slice(0, 8) : null;
  let point: CollectionPointInfo | null = null;
  if (status === 'ACCEPTED' && district) {
    // Asked beside the decision when the village was known before it; else only now, accepted.
    point = (villageCode !== undefined ? answer.collectionPoint : await collectionPointOf(service.gateway, program.code, district)) ?? {
      name: `Kantor Camat ${service.regions.get(district)?.name ?? district}`,
      address: null,
      districtCode: district,
    };
  }
  return { status, detail: { nameGiven, programName: program.name, decision: answer.decision, collectionPoint: point }, villageCode: answer.villageCode };
}

/** Decides a PENDING application again; moves it when the decision is no longer UNDETERMINED. */
export async function decideAgain(sql: CaseSql, service: IntakeService, kase: CaseRow, actor: Caller, key: RequestKey | null): Promise<CaseRow> {
  const detail = kase.detail as unknown as ApplicationDetail;
  const program = await service.program(kase.program!);
  const result = await decideApplication(service, program, kase.nik, detail.nameGiven, undefined);
  if (result.status === 'PENDING') return kase;
  return moveCase(
    sql,
    key,
    kase,
    {
      from: ['PENDING'],
      to: result.status,
      closes: true,
      detail: result.detail as unknown as Prisma.InputJsonValue,
      // Population may have been what could not answer when it was filed.
      villageCode: result.villageCode ?? kase.villageCode,
      note: actor === INTAKE_ACTOR ? 'decided again automatically once the sources answered' : 'decided again by an operator',
    },
    actor,
  );
}

/** Decides again the applications waiting longest, a batch at a time; returns how many moved. */
export async function decidePending(sql: CaseSql, service: IntakeService, batch = 50): Promise<number> {
  const pending = await selectCases(
    sql,
    `SELECT ${CASE_COLUMNS} FROM intake_case WHERE kind = 'APPLICATION' AND status = 'PENDING' ORDER BY updated_at, intake_case.id LIMIT $1`,
    [batch],
  );
  let moved = 0;
  for (const kase of pending) {
    try {
      const after = await decideAgain(sql, service, kase, INTAKE_ACTOR, null);
      if (after.status !== kase.status) moved++;
    } catch (error) {
      // The sources are still down, or an operator decided it meanwhile: the next round sees.
      console.error(`Deciding ${kase.receipt} again failed: ${(error as Error).message}`);
    }
  }
  return moved;
}
