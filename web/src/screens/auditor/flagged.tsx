/**
 * The payments behind a leakage figure (`flaggedDisbursements`): filtered by programme,
 * month, category and region, paged as the hub pages them, each row opening the person's
 * composed record, and every matching row exported to CSV.
 */
import '../../i18n/ns/analyst.ts';
import '../../i18n/ns/auditor.ts';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearch } from 'wouter';
import { request } from '../../api/client.ts';
import { useApiQuery } from '../../api/use-api.ts';
import { DataTable, type Column } from '../../components/data-table.tsx';
import { ErrorNotice, Loading } from '../../components/error-notice.tsx';
import { SelectField } from '../../components/fields.tsx';
import { formatCount, formatDate, formatMonth, formatRupiah, type Locale } from '../../format/format.ts';
import type { ResultOf, VariablesOf } from '../../graphql/graphql.ts';
import { PATHS } from '../../routes.ts';
import { useSession } from '../../session/session.tsx';
import { AnalyticsOverview } from '../analyst/documents.ts';
import { Page } from '../../components/page.tsx';
import { CursorPager, useCursorPages } from '../../components/pager.tsx';
import { RegionField } from '../../components/region-field.tsx';
import { useSelection, useSetParams } from '../analyst/selection.tsx';
import { toCsv } from './csv.ts';
import { FlaggedPage } from './documents.ts';
import { PurposeGate } from './purpose-gate.tsx';

export type Flagged = ResultOf<typeof FlaggedPage>['flaggedDisbursements']['nodes'][number];
type Category = NonNullable<VariablesOf<typeof FlaggedPage>['category']>;
const CATEGORIES: Category[] = ['GHOST', 'DECEASED', 'CIVIL_SERVANT', 'DUPLICATE', 'INELIGIBLE'];
const PAGE_SIZE = 50;
/** The hub's largest page, so an export takes as few requests as it can. */
const EXPORT_PAGE_SIZE = 500;

export default function FlaggedScreen() {
  const { t } = useTranslation(['auditor', 'analyst', 'common']);
  return (
    <Page title={t('flagged.title')}>
      <PurposeGate>
        <FlaggedView />
      </PurposeGate>
    </Page>
  );
}

function FlaggedView() {
  const { t, i18n } = useTranslation(['auditor', 'analyst', 'common']);
  const locale = i18n.language as Locale;
  const overview = useApiQuery(AnalyticsOverview, {});
  const selection = useSelection(overview.data);
  const search = useSearch();
  const setParams = useSetParams();
  const params = new URLSearchParams(search);
  const asked = params.get('category') as Category | null;
  const category = asked && CATEGORIES.includes(asked) ? asked : null;
  const region = params.get('region') || null;
  const filterKey = `${selection?.program}|${selection?.period}|${category}|${region}`;
  const pages = useCursorPages(filterKey);
  const after = pages.after;

  const variables = selection ? { program: selection.program, period: selection.period, category, region, first: PAGE_SIZE, after } : undefined;
  const page = useApiQuery(FlaggedPage, variables!, { enabled: variables !== undefined, keepPrevious: true });

  if (overview.error) return <ErrorNotice error={overview.error} />;
  if (!overview.data || !selection) return <Loading />;
  const data = page.data?.flaggedDisbursements;
  return (
    <div data-testid="flagged" data-program={selection.program} data-period={selection.period} data-category={category ?? ''} data-region={region ?? ''}>
      <div className="selection-bar">
        <SelectField
          label={t('flagged.program')}
          value={selection.program}
          onChange={(e) => setParams({ program: e.target.value })}
          options={[...overview.data.programs].sort((a, b) => a.code.localeCompare(b.code)).map((p) => ({ value: p.code, label: `${p.code} · ${p.name}` }))}
        />
        <SelectField
          label={t('flagged.period')}
          value={selection.period}
          onChange={(e) => setParams({ period: e.target.value })}
          options={[...selection.periods].reverse().map((p) => ({ value: p, label: formatMonth(p, locale) }))}
        />
        <SelectField
          label={t('flagged.category')}
          name="category"
          value={category ?? ''}
          onChange={(e) => setParams({ category: e.target.value || null })}
          options={[{ value: '', label: t('flagged.allCategories') }, ...CATEGORIES.map((c) => ({ value: c, label: t(`analyst:category.${c}`) }))]}
        />
        <RegionFilter region={region} onChange={(next) => setParams({ region: next })} />
      </div>
      {page.error ? <ErrorNotice error={page.error} /> : null}
      {!data && !page.error ? <Loading /> : null}
      {data ? (
        <>
          <div className="toolbar">
            <p data-testid="flagged-total" data-value={data.totalCount}>
              {t('flagged.total', { count: data.totalCount, formatted: formatCount(data.totalCount, locale) })}
            </p>
            <ExportButton variables={{ program: selection.program, period: selection.period, category, region }} total={data.totalCount} />
          </div>
          <FlaggedTable rows={data.nodes} />
          <CursorPager pages={pages} summary={t('flagged.page', { page: pages.page })} answer={data} stale={page.isPlaceholderData} />
        </>
      ) : null}
    </div>
  );
}

function RegionFilter({ region, onChange }: { region: string | null; onChange: (region: string | null) => void }) {
  const { t } = useTranslation(['auditor', 'analyst', 'common']);
  return <RegionField region={region} label={t('flagged.region')} hint={t('flagged.regionHint')} action={t('flagged.filter')} onChange={onChange} />;
}

function FlaggedTable({ rows }: { rows: Flagged[] }) {
  const { t, i18n } = useTranslation(['auditor', 'analyst', 'common']);
  const locale = i18n.language as Locale;
  const columns = useMemo<Column<Flagged>[]>(
    () => [
      { id: 'id', accessorKey: 'id', header: t('flagged.column.id'), cell: (c) => <span className="mono nowrap">{c.row.original.id}</span> },
      { id: 'category', accessorKey: 'category', header: t('flagged.column.category'), cell: (c) => t(`analyst:category.${c.row.original.category}`) },
      {
        id: 'nik',
        accessorKey: 'nik',
        header: t('flagged.column.nik'),
        cell: (c) => (
          <Link href={`${PATHS.person}/${c.row.original.nik}`} className="mono">
            {c.row.original.nik}
          </Link>
        ),
      },
      { id: 'region', accessorKey: 'region', header: t('flagged.column.region') },
      { id: 'amount', accessorKey: 'amount', header: t('flagged.column.amount'), meta: { numeric: true }, cell: (c) => formatRupiah(c.row.original.amount, locale) },
      { id: 'disbursedOn', accessorKey: 'disbursedOn', header: t('flagged.column.disbursedOn'), cell: (c) => formatDate(c.row.original.disbursedOn, locale) },
      { id: 'evidence', header: t('flagged.column.evidence'), enableSorting: false, cell: (c) => <Evidence row={c.row.original} /> },
    ],
    [t, locale],
  );
  return <DataTable caption={t('flagged.tableCaption')} captionHidden columns={columns} data={rows} rowId={(r) => r.id} testId="flagged-table" />;
}

/** Why the payment has its category, in words (METRICS.md, Leakage). */
function Evidence({ row }: { row: Flagged }) {
  const { t, i18n } = useTranslation(['auditor', 'analyst', 'common']);
  const locale = i18n.language as Locale;
  const e = row.evidence;
  const facts: string[] = [];
  if (!e.inPopulation) facts.push(t('evidence.notInPopulation'));
  if (e.deathDate) facts.push(t('evidence.died', { date: formatDate(e.deathDate, locale) }));
  for (const s of e.serving) facts.push(t('evidence.serving', { corps: s.corps, agency: s.agency }));
  if (e.paymentRank > 1) facts.push(t('evidence.duplicate', { rank: e.paymentRank, first: e.firstPaymentId }));
  if (e.failedChecks.length) facts.push(t('evidence.fails', { checks: e.failedChecks.join(', ') }));
  return <span className="evidence">{facts.join(' · ')}</span>;
}

/** Every row matching the filters, page after page, as one CSV file. */
function ExportButton({ variables, total }: { variables: Omit<VariablesOf<typeof FlaggedPage>, 'first' | 'after'>; total: number }) {
  const { t } = useTranslation(['auditor', 'analyst', 'common']);
  const { credentials } = useSession();
  const [state, setState] = useState<{ busy: boolean; done: number; error?: unknown }>({ busy: false, done: 0 });
  async function exportAll() {
    setState({ busy: true, done: 0 });
    try {
      const rows: Flagged[] = [];
      let after: string | null = null;
      do {
        const data: ResultOf<typeof FlaggedPage> = await request(FlaggedPage, { ...variables, first: EXPORT_PAGE_SIZE, after }, credentials);
        rows.push(...data.flaggedDisbursements.nodes);
        after = data.flaggedDisbursements.hasNextPage ? data.flaggedDisbursements.endCursor : null;
        setState({ busy: true, done: rows.length });
      } while (after);
      const name = ['flagged', variables.program, variables.period, variables.category, variables.region].filter(Boolean).join('-');
      const link = document.createElement('a');
      link.href = URL.createObjectURL(new Blob([toCsv(rows)], { type: 'text/csv;charset=utf-8' }));
      link.download = `${name}.csv`;
      link.click();
      setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
      setState({ busy: false, done: rows.length });
    } catch (error) {
      setState({ busy: false, done: 0, error });
    }
  }
  return (
    <div className="export">
      <button type="button" onClick={() => void exportAll()} disabled={state.busy || total === 0} data-testid="export-csv">
        {state.busy ? t('flagged.exporting', { done: state.done, total }) : t('flagged.export', { count: total })}
      </button>
      {state.error ? <ErrorNotice error={state.error} /> : null}
    </div>
  );
}
