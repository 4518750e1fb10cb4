/**
 * The cases a facilitator filed on people's behalf (caseQueue answers a FACILITATOR with its
 * own; a REGIONAL_APP gets its region's applications): what, for whom (the NIK), where each
 * stands and its history, newest questions first as the hub orders them (overdue, then
 * oldest), filtered by kind and status, a page at a time. From here the forms open again
 * for the next person.
 */
import '../../i18n/ns/cases.ts';
import '../../i18n/ns/operator.ts';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useSearch } from 'wouter';
import { useApiQuery } from '../../api/use-api.ts';
import { ErrorNotice, Loading } from '../../components/error-notice.tsx';
import { SelectField } from '../../components/fields.tsx';
import { Page } from '../../components/page.tsx';
import { Pager } from '../../components/pager.tsx';
import { formatCount, type Locale } from '../../format/format.ts';
import { FILINGS_OF, PATHS } from '../../routes.ts';
import { useSession } from '../../session/session.tsx';
import { CaseDetails, CaseFacts, CaseHeading, CaseHistory } from '../cases/case-view.tsx';
import { apiLanguage, CASE_KINDS, CASE_STATUSES, STATUSES_OF, type CaseKind } from '../cases/documents.ts';
import { FiledCases } from './documents.ts';

const PAGE_SIZE = 20;

export default function FiledCasesScreen() {
  const { t, i18n } = useTranslation(['operator', 'cases', 'common']);
  const { role, claims } = useSession();
  const search = useSearch();
  const [, navigate] = useLocation();
  const params = new URLSearchParams(search);
  const kind = CASE_KINDS.find((k) => k === params.get('kind'));
  const status = CASE_STATUSES.find((s) => s === params.get('status'));
  const page = Math.max(1, Number(params.get('page')) || 1);
  const go = (next: { kind?: CaseKind; status?: string; page?: number }) => {
    const p = new URLSearchParams();
    const merged = { kind, status, page: 1, ...next };
    if (merged.kind) p.set('kind', merged.kind);
    if (merged.status) p.set('status', merged.status);
    if (merged.page > 1) p.set('page', String(merged.page));
    navigate(`${PATHS.filed}${p.size ? `?${p}` : ''}`);
  };
  const cases = useApiQuery(
    FiledCases,
    { kind: kind ?? null, status: status ?? null, first: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE, language: apiLanguage(i18n.language) },
    { keepPrevious: true },
  );
  const total = cases.data?.caseQueue.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const regionalApp = role === 'REGIONAL_APP';
  const statuses = kind ? STATUSES_OF[kind] : CASE_STATUSES;
  const filings = FILINGS_OF[role] ?? [];

  return (
    <Page title={regionalApp ? t('filed.titleApp') : t('filed.title')} subtitle={t('filed.subtitle', { region: claims?.region ?? '–', subject: claims?.subject ?? '–' })}>
      <div className="actions">
        <Link href={PATHS.apply} className="button">
          {t('filed.newApplication')}
        </Link>
        {filings.length ? (
          <Link href={PATHS.report} className="button secondary">
            {t('filed.newFiling')}
          </Link>
        ) : null}
      </div>
      <form className="selection-bar" aria-label={t('queue.filters')} onSubmit={(e) => e.preventDefault()}>
        <SelectField
          label={t('queue.kind')}
          name="kind"
          value={kind ?? ''}
          onChange={(e) => go({ kind: (e.target.value || undefined) as CaseKind | undefined, status: undefined })}
          options={[{ value: '', label: t('queue.allKinds') }, ...CASE_KINDS.map((k) => ({ value: k, label: t(`cases:kind.${k}`) }))]}
        />
        <SelectField
          label={t('queue.status')}
          name="status"
          value={status ?? ''}
          onChange={(e) => go({ status: e.target.value || undefined })}
          options={[{ value: '', label: t('queue.allStatuses') }, ...statuses.map((s) => ({ value: s, label: t(`cases:status.${s}`) }))]}
        />
      </form>
      {cases.error ? <ErrorNotice error={cases.error} /> : null}
      {!cases.data && !cases.error ? <Loading /> : null}
      {cases.data ? (
        <section data-testid="filed-cases" data-total={total} data-stale={cases.isPlaceholderData} aria-busy={cases.isFetching}>
          <p className="muted">{t('filed.count', { count: total, total: formatCount(total, i18n.language as Locale) })}</p>
          {cases.data.caseQueue.cases.length === 0 ? <p className="panel muted">{t('filed.empty')}</p> : null}
          <ol className="case-list">
            {cases.data.caseQueue.cases.map((kase) => (
              <li key={kase.receipt}>
                <article className={`case-card${kase.overdue ? ' overdue' : ''}`} data-testid="case" data-receipt={kase.receipt} data-kind={kase.kind} data-status={kase.caseStatus}>
                  <CaseHeading kase={kase} level={3} />
                  <CaseFacts kase={kase}>
                    <dt>{t('filed.for')}</dt>
                    <dd className="mono">{kase.nik}</dd>
                  </CaseFacts>
                  <details>
                    <summary>{t('queue.details')}</summary>
                    <CaseDetails kase={kase} />
                    <CaseHistory history={kase.history} />
                  </details>
                </article>
              </li>
            ))}
          </ol>
          {pages > 1 ? (
            <Pager
              summary={t('queue.page', { page, pages })}
              canPrevious={page > 1}
              canNext={page < pages}
              onPrevious={() => go({ page: page - 1 })}
              onNext={() => go({ page: page + 1 })}
            />
          ) : null}
        </section>
      ) : null}
    </Page>
  );
}
