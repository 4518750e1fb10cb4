/**
 * The region's queue (caseQueue as an OPERATOR): reports, proposals, objections, complaints
 * and applications of people of the operator's region, overdue first, then oldest first,
 * filtered by kind, status, village and whether overdue, a page at a time. Each case shows
 * the person composed from the registries, what was filed, its history, and the moves its
 * kind allows now, each confirmed; the hub's answer (or refusal) is shown above the list.
 */
import '../../i18n/ns/cases.ts';
import '../../i18n/ns/operator.ts';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useSearch } from 'wouter';
import { useApiQuery } from '../../api/use-api.ts';
import { ErrorNotice, Loading } from '../../components/error-notice.tsx';
import { SelectField, TextField } from '../../components/fields.tsx';
import { Page } from '../../components/page.tsx';
import { Pager } from '../../components/pager.tsx';
import { formatCount, type Locale } from '../../format/format.ts';
import type { ResultOf } from '../../graphql/graphql.ts';
import { PATHS } from '../../routes.ts';
import { useSession } from '../../session/session.tsx';
import { CaseDetails, CaseFacts, CaseHeading, CaseHistory, StatusBadge, type CaseData } from '../cases/case-view.tsx';
import { apiLanguage, CASE_KINDS, CASE_STATUSES, STATUSES_OF, type CaseKind } from '../cases/documents.ts';
import { OperatorQueue } from './documents.ts';
import { CaseMoves, type MoveKey } from './moves.tsx';

const PAGE_SIZE = 20;
type QueuedCase = ResultOf<typeof OperatorQueue>['caseQueue']['cases'][number];

interface Filters {
  kind?: CaseKind;
  status?: (typeof CASE_STATUSES)[number];
  village?: string;
  overdue?: boolean;
  page: number;
}

function readFilters(search: string): Filters {
  const p = new URLSearchParams(search);
  const kind = CASE_KINDS.find((k) => k === p.get('kind'));
  const status = CASE_STATUSES.find((s) => s === p.get('status'));
  const overdue = p.get('overdue');
  return {
    kind,
    status,
    village: p.get('village') || undefined,
    overdue: overdue === 'true' ? true : overdue === 'false' ? false : undefined,
    page: Math.max(1, Number(p.get('page')) || 1),
  };
}

function writeFilters(f: Filters): string {
  const p = new URLSearchParams();
  if (f.kind) p.set('kind', f.kind);
  if (f.status) p.set('status', f.status);
  if (f.village) p.set('village', f.village);
  if (f.overdue !== undefined) p.set('overdue', String(f.overdue));
  if (f.page > 1) p.set('page', String(f.page));
  const query = p.toString();
  return query ? `?${query}` : '';
}

export default function QueueScreen() {
  const { t, i18n } = useTranslation(['operator', 'cases', 'common']);
  const { claims } = useSession();
  const search = useSearch();
  const [, navigate] = useLocation();
  const filters = readFilters(search);
  const go = (next: Partial<Filters>) => navigate(`${PATHS.queue}${writeFilters({ ...filters, page: 1, ...next })}`);
  const queue = useApiQuery(
    OperatorQueue,
    {
      kind: filters.kind ?? null,
      status: filters.status ?? null,
      village: filters.village ?? null,
      overdue: filters.overdue ?? null,
      first: PAGE_SIZE,
      offset: (filters.page - 1) * PAGE_SIZE,
      language: apiLanguage(i18n.language),
    },
    { keepPrevious: true },
  );
  const [answer, setAnswer] = useState<{ moved: CaseData; move: MoveKey }>();
  const total = queue.data?.caseQueue.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));

  return (
    <Page title={t('queue.title')} subtitle={t('queue.subtitle', { region: claims?.region ?? '–' })}>
      <QueueFilters filters={filters} onChange={go} />
      <div aria-live="polite">{answer ? <MoveAnswer {...answer} onDismiss={() => setAnswer(undefined)} /> : null}</div>
      {queue.error ? <ErrorNotice error={queue.error} /> : null}
      {!queue.data && !queue.error ? <Loading /> : null}
      {queue.data ? (
        <section
          aria-labelledby="queue-count"
          data-testid="queue"
          data-total={total}
          data-kind={filters.kind ?? ''}
          data-stale={queue.isPlaceholderData}
          aria-busy={queue.isFetching}
        >
          <p id="queue-count" className="muted">
            {t('queue.count', { count: total, total: formatCount(total, i18n.language as Locale) })}{' '}
            <Link href={PATHS.report}>{t('queue.fileAtDesk')}</Link>
          </p>
          {queue.data.caseQueue.cases.length === 0 ? <p className="panel muted">{t('queue.empty')}</p> : null}
          <ol className="case-list columns">
            {queue.data.caseQueue.cases.map((kase) => (
              <li key={kase.receipt}>
                <QueueCard kase={kase} onAnswer={(moved, move) => setAnswer({ moved, move })} />
              </li>
            ))}
          </ol>
          {pages > 1 ? (
            <Pager
              summary={t('queue.page', { page: filters.page, pages })}
              canPrevious={filters.page > 1}
              canNext={filters.page < pages}
              onPrevious={() => go({ page: filters.page - 1 })}
              onNext={() => go({ page: filters.page + 1 })}
            />
          ) : null}
        </section>
      ) : null}
    </Page>
  );
}

function QueueFilters({ filters, onChange }: { filters: Filters; onChange(next: Partial<Filters>): void }) {
  const { t } = useTranslation(['operator', 'cases', 'common']);
  const { claims } = useSession();
  const [village, setVillage] = useState(filters.village ?? '');
  const statuses = filters.kind ? STATUSES_OF[filters.kind] : CASE_STATUSES;
  function submit(event: FormEvent) {
    event.preventDefault();
    onChange({ village: village.trim() || undefined });
  }
  return (
    <form className="selection-bar" onSubmit={submit} aria-label={t('queue.filters')}>
      <SelectField
        label={t('queue.kind')}
        name="kind"
        value={filters.kind ?? ''}
        onChange={(e) => onChange({ kind: (e.target.value || undefined) as CaseKind | undefined, status: undefined })}
        options={[{ value: '', label: t('queue.allKinds') }, ...CASE_KINDS.map((k) => ({ value: k, label: t(`cases:kind.${k}`) }))]}
      />
      <SelectField
        label={t('queue.status')}
        name="status"
        value={filters.status ?? ''}
        onChange={(e) => onChange({ status: (e.target.value || undefined) as Filters['status'] })}
        options={[{ value: '', label: t('queue.allStatuses') }, ...statuses.map((s) => ({ value: s, label: t(`cases:status.${s}`) }))]}
      />
      <SelectField
        label={t('queue.overdue')}
        name="overdue"
        value={filters.overdue === undefined ? '' : String(filters.overdue)}
        onChange={(e) => onChange({ overdue: e.target.value === '' ? undefined : e.target.value === 'true' })}
        options={[
          { value: '', label: t('queue.overdueAll') },
          { value: 'true', label: t('queue.overdueOnly') },
          { value: 'false', label: t('queue.overdueNot') },
        ]}
      />
      <TextField label={t('queue.village')} hint={t('queue.villageHint', { region: claims?.region ?? '–' })} name="village" value={village} onChange={(e) => setVillage(e.target.value)} inputMode="decimal" />
      <button type="submit">{t('queue.apply')}</button>
    </form>
  );
}

function QueueCard({ kase, onAnswer }: { kase: QueuedCase; onAnswer(moved: CaseData, key: MoveKey): void }) {
  const { t } = useTranslation(['operator', 'cases', 'common']);
  const person = kase.person;
  return (
    <article className={`case-card${kase.overdue ? ' overdue' : ''}`} data-testid="case" data-receipt={kase.receipt} data-kind={kase.kind} data-status={kase.caseStatus}>
      <CaseHeading kase={kase} level={3} />
      <p className="case-person">
        <Link href={`${PATHS.person}/${person.nik}`}>{person.fullName}</Link> <span className="mono">{person.nik}</span>
        <br />
        <span className="muted small">
          {person.village?.name ?? t('queue.unknownVillage')} ({kase.villageCode ?? person.villageCode})
        </span>
      </p>
      <CaseFacts kase={kase} />
      <details>
        <summary>{t('queue.details')}</summary>
        <CaseDetails kase={kase} />
        <CaseHistory history={kase.history} />
      </details>
      <CaseMoves kase={kase} personName={person.fullName} onAnswer={onAnswer} />
    </article>
  );
}

/** What the hub answered to the last move: the case's receipt, its status now, and the operator's words as recorded. */
function MoveAnswer({ moved, move, onDismiss }: { moved: CaseData; move: MoveKey; onDismiss(): void }) {
  const { t } = useTranslation(['operator', 'cases', 'common']);
  const last = moved.history[moved.history.length - 1];
  return (
    <div className="result good" role="status" data-testid="move-answer" data-receipt={moved.receipt} data-status={moved.caseStatus}>
      <h2>{t('queue.answered', { move: t(`moves.${move}.label`) })}</h2>
      <p>
        {t(`cases:kind.${moved.kind}`)} <strong className="mono">{moved.receipt}</strong> {t('queue.isNow')} <StatusBadge status={moved.caseStatus} />
      </p>
      {last?.note ? <p className="event-note">{last.note}</p> : null}
      <button type="button" className="link" onClick={onDismiss}>
        {t('queue.dismissAnswer')}
      </button>
    </div>
  );
}
