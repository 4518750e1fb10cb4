/**
 * A case as people read it: what was filed, where it stands, what each kind adds (the
 * decision's reasons and where to collect, the complaint and its resolution, the objection's
 * reason) and every change in its history. The citizen's follow-up, the facilitator's list
 * and the operator's queue show cases with these.
 */
import '../../i18n/ns/cases.ts';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, formatInstant, type Locale } from '../../format/format.ts';
import type { ResultOf } from '../../graphql/graphql.ts';
import type { CaseEventFields, CaseFields } from './documents.ts';

export type CaseData = ResultOf<typeof CaseFields>;
type CaseEvent = ResultOf<typeof CaseEventFields>;

const TONE: Record<string, 'good' | 'bad' | 'neutral' | 'open'> = {
  ACCEPTED: 'good',
  VERIFIED: 'good',
  RESOLVED: 'good',
  UPHELD: 'good',
  REJECTED: 'bad',
  DISMISSED: 'bad',
  EXPIRED: 'bad',
  CLOSED: 'neutral',
};

export function toneOf(status: string) {
  return TONE[status] ?? 'open';
}

/** The status in words, coloured by where it leaves the person; the raw status rides along for tests. */
export function StatusBadge({ status }: { status: string }) {
  const { t } = useTranslation('cases');
  return (
    <span className={`badge ${toneOf(status)}`} data-status={status}>
      {t(`status.${status}`, { defaultValue: status })}
    </span>
  );
}

/** The receipt, kind, status and dates of a case, as the head of a card or of a follow-up. */
export function CaseHeading({ kase, level = 2, children }: { kase: CaseData; level?: 2 | 3; children?: ReactNode }) {
  const { t } = useTranslation('cases');
  const Heading = level === 2 ? 'h2' : 'h3';
  return (
    <div className="case-heading">
      <Heading>
        {t(`kind.${kase.kind}`)} <span className="mono receipt" data-testid="receipt">{kase.receipt}</span>
      </Heading>
      <span className="badges">
        <StatusBadge status={kase.caseStatus} />
        {kase.overdue ? <span className="badge bad" data-testid="overdue">{t('overdue')}</span> : null}
      </span>
      {children}
    </div>
  );
}

/** When and by whom it was filed, the programme, the due day. */
export function CaseFacts({ kase, children }: { kase: CaseData; children?: ReactNode }) {
  const { t, i18n } = useTranslation('cases');
  const locale = i18n.language as Locale;
  return (
    <dl className="facts">
      {children}
      {kase.program ? (
        <>
          <dt>{t('program')}</dt>
          <dd>{kase.__typename === 'Application' ? `${kase.programName} (${kase.program})` : kase.program}</dd>
        </>
      ) : null}
      <dt>{t('filedAt')}</dt>
      <dd>
        {formatInstant(kase.filedAt, locale)}
        {kase.filedBy.role !== 'PUBLIC' ? ` · ${t('event.by', { who: actorName(kase.filedBy, t) })}` : ''}
      </dd>
      {kase.dueOn && !kase.closedAt ? (
        <>
          <dt>{t('dueOn')}</dt>
          <dd className={kase.overdue ? 'bad' : undefined}>{formatDate(kase.dueOn, locale)}</dd>
        </>
      ) : null}
      {kase.closedAt ? (
        <>
          <dt>{t('closedAt')}</dt>
          <dd>{formatInstant(kase.closedAt, locale)}</dd>
        </>
      ) : null}
    </dl>
  );
}

/** What the kind of case adds: reasons, where to collect, the complaint, the objection. */
export function CaseDetails({ kase }: { kase: CaseData }) {
  const { t } = useTranslation('cases');
  const reasons = kase.__typename === 'Application' || kase.__typename === 'Report' ? kase.reasons : [];
  return (
    <div className="case-details">
      {reasons.length ? (
        <>
          <h3>{t('reasons')}</h3>
          <ul data-testid="reasons">
            {reasons.map((reason) => (
              <li key={reason}>{reason}</li>
            ))}
          </ul>
        </>
      ) : null}
      {kase.__typename === 'Application' && kase.collectionPoint ? (
        <>
          <h3>{t('collectAt')}</h3>
          <p data-testid="collection-point">
            <strong>{kase.collectionPoint.name}</strong>
            {kase.collectionPoint.address ? <>, {kase.collectionPoint.address}</> : null}
          </p>
        </>
      ) : null}
      {kase.__typename === 'Report' && kase.reason ? <Quoted label={t('reportReason')} text={kase.reason} /> : null}
      {kase.__typename === 'Proposal' && kase.reason ? <Quoted label={t('proposalReason')} text={kase.reason} /> : null}
      {kase.__typename === 'Complaint' ? (
        <>
          <Quoted label={t('categoryLabel')} text={t(`category.${kase.category}`)} />
          {kase.description ? <Quoted label={t('description')} text={kase.description} /> : null}
          {kase.resolution ? <Quoted label={t('resolution')} text={kase.resolution} /> : null}
        </>
      ) : null}
      {kase.__typename === 'Objection' ? (
        <>
          <Quoted label={t('objectionReason')} text={t(`dtksReason.${kase.dtksReason}`)} />
          {kase.note ? <Quoted label={t('note')} text={kase.note} /> : null}
        </>
      ) : null}
      {kase.__typename === 'Objection' || kase.__typename === 'Proposal' ? (
        <Quoted label={t('dtksWhenFiled')} text={kase.dtksWhenFiled ? t(`dtksStatus.${kase.dtksWhenFiled}`, { defaultValue: kase.dtksWhenFiled }) : t('notInDtks')} />
      ) : null}
    </div>
  );
}

function Quoted({ label, text }: { label: string; text: string }) {
  return (
    <p className="quoted">
      <span className="muted small">{label}</span>
      <br />
      {text}
    </p>
  );
}

function actorName(actor: { role: string; subject?: string | null; region?: string | null }, t: TFunction<'cases'>): string {
  const role = t(`role.${actor.role}`, { defaultValue: actor.role });
  return [role, actor.subject, actor.region].filter(Boolean).join(' · ');
}

/** Every change of the case, oldest first: when, from what to what, by whom, for whom, and why. */
export function CaseHistory({ history }: { history: readonly CaseEvent[] }) {
  const { t, i18n } = useTranslation('cases');
  const locale = i18n.language as Locale;
  const status = (s: string) => t(`status.${s}`, { defaultValue: s });
  return (
    <section className="case-history" aria-label={t('history')}>
      <h3>{t('history')}</h3>
      <ol className="timeline" data-testid="history">
        {history.map((event, i) => (
          <li key={i} data-to={event.toStatus}>
            <div>
              <strong>{event.fromStatus ? t('event.moved', { from: status(event.fromStatus), to: status(event.toStatus) }) : t('event.filed', { to: status(event.toStatus) })}</strong>
            </div>
            <div className="muted small">
              {formatInstant(event.at, locale)} · {t('event.by', { who: actorName(event.by, t) })}
              {event.onBehalfOf ? ` · ${t('event.onBehalfOf', { nik: event.onBehalfOf })}` : ''}
            </div>
            {event.note ? <div className="event-note">{event.note}</div> : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
