/**
 * Where the registries disagree (issue 18, "Data-quality queues"), from the last analytics
 * build: a region's counts by kind with those of the regions inside it (drilled down by a
 * click), and, for operators and auditors, the items themselves a page at a time, each with
 * its evidence and what resolves it: the person's record where an operator deactivates, the
 * payments behind it where an auditor opens a case. An item leaves at the first refresh after
 * its fix. Operators stay in their own region (the hub refuses the rest anyway).
 */
import '../../i18n/ns/analyst.ts';
import '../../i18n/ns/cases.ts';
import '../../i18n/ns/operator.ts';
import { Fragment, useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearch } from 'wouter';
import { useApiQuery } from '../../api/use-api.ts';
import { DataTable, type Column } from '../../components/data-table.tsx';
import { ErrorNotice, Loading } from '../../components/error-notice.tsx';
import { SelectField } from '../../components/fields.tsx';
import { FigureCell, SuppressedNote } from '../../components/figure.tsx';
import { Page } from '../../components/page.tsx';
import { Pager } from '../../components/pager.tsx';
import { RegionField } from '../../components/region-field.tsx';
import { formatCount, formatDate, formatMonth, formatRupiah, type Locale } from '../../format/format.ts';
import { levelBelow } from '../../format/region-level.ts';
import type { ResultOf, VariablesOf } from '../../graphql/graphql.ts';
import { PATHS } from '../../routes.ts';
import type { Role } from '../../session/roles.ts';
import { useSession } from '../../session/session.tsx';
import { useSetParams } from '../analyst/selection.tsx';
import { PurposeGate } from '../auditor/purpose-gate.tsx';
import { QualityCounts, QualityItems } from './documents.ts';

type Kind = NonNullable<VariablesOf<typeof QualityItems>['kind']>;
type Counts = ResultOf<typeof QualityCounts>['own'][number];
type Item = ResultOf<typeof QualityItems>['dataQualityItems']['nodes'][number];

const KINDS: Kind[] = ['DECEASED_ACTIVE', 'STALE_KK', 'GHOST', 'CIVIL_SERVANT', 'PAID_TWICE'];
const PAGE_SIZE = 20;
/** packages/auth/src/policy.ts, readQualityItems: the items name people. */
const READS_ITEMS: readonly Role[] = ['OPERATOR', 'AUDITOR'];
/** The leakage category of flaggedDisbursements where an auditor's case on an item starts. */
const FLAGGED_CATEGORY: Partial<Record<Kind, string>> = { GHOST: 'GHOST', CIVIL_SERVANT: 'CIVIL_SERVANT', PAID_TWICE: 'DUPLICATE' };

export default function QualityScreen() {
  const { t, i18n } = useTranslation(['operator', 'analyst', 'common']);
  const locale = i18n.language as Locale;
  const { role, claims } = useSession();
  const params = new URLSearchParams(useSearch());
  const setParams = useSetParams();
  // A region-bound caller starts in (and is held to) its own region; others at the nation.
  const region = params.get('region') || claims?.region || '';
  const asked = params.get('kind') as Kind | null;
  const kind = asked && KINDS.includes(asked) ? asked : null;
  const page = Math.max(1, Number(params.get('page')) || 1);
  const below = levelBelow(region);
  const counts = useApiQuery(QualityCounts, { region: region || null, level: below, withLevel: below !== null });
  const own = counts.data?.own[0];
  const openRegion = useCallback((code: string) => setParams({ region: code, page: null }), [setParams]);
  const belowColumns = useBelowColumns(locale, openRegion);

  return (
    <Page title={t('quality.title')} subtitle={t('quality.subtitle')}>
      <div className="selection-bar">
        <SelectField
          label={t('quality.kind')}
          name="kind"
          value={kind ?? ''}
          onChange={(e) => setParams({ kind: e.target.value || null, page: null })}
          options={[{ value: '', label: t('quality.allKinds') }, ...KINDS.map((k) => ({ value: k, label: t(`quality.kinds.${k}`) }))]}
        />
        <RegionField
          key={region}
          region={region}
          label={t('quality.region')}
          hint={t('quality.regionHint')}
          action={t('quality.show')}
          onChange={(next) => setParams({ region: next, page: null })}
        />
        {region && region !== claims?.region ? (
          <button type="button" className="link" onClick={() => setParams({ region: parentOf(region, claims?.region), page: null })}>
            {t('quality.up')}
          </button>
        ) : null}
      </div>
      {counts.error ? <ErrorNotice error={counts.error} /> : null}
      {!counts.data && !counts.error ? <Loading /> : null}
      <SuppressedNote shown={Boolean(own?.suppressed || counts.data?.below?.some((c) => c.suppressed))} />
      {own ? <OwnCounts counts={own} kind={kind} onKind={(k) => setParams({ kind: k, page: null })} /> : null}
      {counts.data?.below && counts.data.below.length > 0 ? (
        <DataTable
          caption={t('quality.below', { region: own?.name ?? region })}
          columns={belowColumns}
          data={counts.data.below}
          rowId={(row) => row.region}
          testId="quality-below"
          pageSize={20}
          initialSorting={[{ id: 'total', desc: true }]}
        />
      ) : null}
      {READS_ITEMS.includes(role) ? (
        region ? (
          <PurposeGate>
            <ItemsPage region={region} kind={kind} page={page} onPage={(next) => setParams({ page: next > 1 ? String(next) : null })} />
          </PurposeGate>
        ) : (
          <p className="panel muted">{t('quality.pickRegion')}</p>
        )
      ) : null}
    </Page>
  );
}

/** One step up, but not above a region-bound caller's own region. */
function parentOf(region: string, home: string | undefined): string | null {
  const parts = region.split('.');
  const parent = parts.slice(0, -1).join('.');
  if (home && !parent.startsWith(home)) return home;
  return parent || null;
}

/** The region's counts by kind, each a button that filters the items to it. */
function OwnCounts({ counts, kind, onKind }: { counts: Counts; kind: Kind | null; onKind(kind: Kind | null): void }) {
  const { t, i18n } = useTranslation('operator');
  const locale = i18n.language as Locale;
  return (
    <section aria-labelledby="quality-own" data-testid="quality-counts" data-region={counts.region} data-total={counts.total ?? undefined}>
      <h2 id="quality-own">{t('quality.ownTitle', { name: counts.name || t('quality.nation'), total: counts.total === null ? '—' : formatCount(counts.total, locale) })}</h2>
      <ul className="figures">
        {counts.byKind.map((entry) => (
          <li key={entry.kind} className={`figure${entry.kind === kind ? ' current' : ''}`} data-testid="quality-kind" data-kind={entry.kind} data-value={entry.items ?? undefined}>
            <button type="button" className="link" aria-pressed={entry.kind === kind} onClick={() => onKind(entry.kind === kind ? null : entry.kind)}>
              <span className="figure-label">{t(`quality.kinds.${entry.kind}`)}</span>
              <strong className="figure-value">
                <FigureCell figure={`dataQualityCounts.${counts.region}.${entry.kind}`} kind="count" value={entry.items} />
              </strong>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

function useBelowColumns(locale: Locale, open: (region: string) => void): Column<Counts>[] {
  const { t } = useTranslation('operator');
  return useMemo<Column<Counts>[]>(
    () => [
      {
        id: 'name',
        accessorKey: 'name',
        header: t('quality.column.region'),
        cell: (c) => (
          <button type="button" className="link" onClick={() => open(c.row.original.region)}>
            {c.row.original.name} <span className="mono muted">{c.row.original.region}</span>
          </button>
        ),
      },
      {
        id: 'total',
        // A withheld count sorts below every count, zeros included.
        accessorFn: (row) => row.total ?? -1,
        header: t('quality.column.total'),
        meta: { numeric: true },
        cell: (c) => <FigureCell figure={`dataQualityCounts.${c.row.original.region}.total`} kind="count" value={c.row.original.total} />,
      },
      ...KINDS.map<Column<Counts>>((kind) => ({
        id: kind,
        accessorFn: (row) => row.byKind.find((k) => k.kind === kind)?.items ?? -1,
        header: t(`quality.kinds.${kind}`),
        meta: { numeric: true },
        cell: (c) => (
          <FigureCell figure={`dataQualityCounts.${c.row.original.region}.${kind}`} kind="count" value={c.row.original.byKind.find((k) => k.kind === kind)?.items ?? null} />
        ),
      })),
    ],
    [t, locale, open],
  );
}

function ItemsPage({ region, kind, page, onPage }: { region: string; kind: Kind | null; page: number; onPage(page: number): void }) {
  const { t, i18n } = useTranslation(['operator', 'common']);
  const locale = i18n.language as Locale;
  const items = useApiQuery(QualityItems, { region, kind, first: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }, { keepPrevious: true });
  if (items.error) return <ErrorNotice error={items.error} />;
  if (!items.data) return <Loading />;
  const { totalCount, nodes } = items.data.dataQualityItems;
  const pages = Math.max(1, Math.ceil(totalCount / PAGE_SIZE));
  return (
    <section aria-labelledby="quality-items" data-testid="quality-items" data-total={totalCount} aria-busy={items.isFetching}>
      <h2 id="quality-items">{t('quality.items', { count: totalCount, total: formatCount(totalCount, locale) })}</h2>
      {nodes.length === 0 ? <p className="panel muted">{t('quality.empty')}</p> : null}
      <ol className="case-list columns">
        {nodes.map((item) => (
          <li key={`${item.kind}|${item.nik}|${item.region}`}>
            <ItemCard item={item} />
          </li>
        ))}
      </ol>
      {pages > 1 ? (
        <Pager
          summary={t('quality.page', { page, pages })}
          canPrevious={page > 1}
          canNext={page < pages && !items.isPlaceholderData}
          onPrevious={() => onPage(page - 1)}
          onNext={() => onPage(page + 1)}
        />
      ) : null}
    </section>
  );
}

function ItemCard({ item }: { item: Item }) {
  const { t, i18n } = useTranslation(['operator', 'cases']);
  const locale = i18n.language as Locale;
  const { role } = useSession();
  const evidence = item.evidence;
  const nik = item.person?.nik ?? item.nik;
  return (
    <article className="case-card" data-testid="quality-item" data-kind={item.kind} data-nik={nik}>
      <h3>{t(`quality.kinds.${item.kind}`)}</h3>
      <p className="case-person">
        {item.person ? <Link href={`${PATHS.person}/${item.person.nik}`}>{item.person.fullName}</Link> : <span>{t('quality.notInPopulation')}</span>}{' '}
        <span className="mono">{nik}</span>
        <br />
        <span className="muted small">
          {t('quality.kk')} <span className="mono">{item.kk}</span> · {t('quality.regionOf')} <span className="mono">{item.region}</span>
        </span>
      </p>
      <dl className="facts">
        {evidence.deathDate ? (
          <>
            <dt>{t('quality.evidence.died')}</dt>
            <dd>{formatDate(evidence.deathDate, locale)}</dd>
          </>
        ) : null}
        {evidence.dtksStatus ? (
          <>
            <dt>{t('quality.evidence.dtks')}</dt>
            <dd>
              {t(`cases:dtksStatus.${evidence.dtksStatus as 'ACTIVE' | 'INACTIVE'}`)}
              {evidence.dtksStatusReason ? ` (${t(`cases:dtksReason.${evidence.dtksStatusReason}`)})` : ''}
            </dd>
          </>
        ) : null}
        {item.kind === 'STALE_KK' ? (
          <>
            <dt>{t('quality.evidence.kk')}</dt>
            <dd>
              {t('quality.evidence.kkPair', { dtks: evidence.dtksKk ?? '–', population: evidence.populationKk ?? '–' })}
            </dd>
          </>
        ) : null}
        {/* Pairs straight in the grid of dl.facts (a wrapping div would take a column of its own). */}
        {evidence.service.map((s) => (
          <Fragment key={`${s.corps}|${s.startDate}`}>
            <dt>{t('quality.evidence.service')}</dt>
            <dd>
              {s.corps} · {s.agency} · {formatDate(s.startDate, locale)} – {s.endDate ? formatDate(s.endDate, locale) : t('quality.evidence.serving')}
            </dd>
          </Fragment>
        ))}
      </dl>
      {evidence.payments.length > 0 ? (
        <div className="table-scroll" tabIndex={0} role="region" aria-label={t('quality.evidence.payments')}>
        <table>
          <caption>{t('quality.evidence.payments')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('quality.column.payment')}</th>
              <th scope="col">{t('quality.column.month')}</th>
              <th scope="col">{t('quality.column.paidOn')}</th>
              <th scope="col" className="numeric">
                {t('quality.column.amount')}
              </th>
            </tr>
          </thead>
          <tbody>
            {evidence.payments.map((p) => (
              <tr key={p.id} className={p.paymentRank > 1 ? 'flagged' : undefined}>
                <td className="mono">
                  {p.program} {p.id}
                </td>
                <td>{formatMonth(p.period, locale)}</td>
                <td>{formatDate(p.disbursedOn, locale)}</td>
                <td className="numeric">{formatRupiah(p.amount, locale)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        </div>
      ) : null}
      <h4>{t('quality.fixes')}</h4>
      <ul className="fixes">
        {item.fixes.map((fix) => (
          <li key={fix.action} data-testid="quality-fix" data-action={fix.action}>
            <FixLine item={item} fix={fix} role={role} />
          </li>
        ))}
      </ul>
    </article>
  );
}

function FixLine({ item, fix, role }: { item: Item; fix: Item['fixes'][number]; role: Role }) {
  const { t } = useTranslation(['operator', 'cases']);
  const label = t(`quality.action.${fix.action}`, { reason: fix.reason ? t(`cases:dtksReason.${fix.reason}`) : '' });
  if (fix.action === 'DEACTIVATE_DTKS_MEMBER' && item.person) {
    // The person's record holds the curation form (operators of the region; the hub checks).
    return <Link href={`${PATHS.person}/${item.person.nik}`}>{label}</Link>;
  }
  const category = FLAGGED_CATEGORY[item.kind];
  const first = item.evidence.payments[0];
  if (fix.action === 'AUDIT_CASE' && role === 'AUDITOR' && category && first) {
    const query = new URLSearchParams({ program: first.program, period: first.period, category, region: first.districtCode });
    return <Link href={`${PATHS.flagged}?${query.toString()}`}>{label}</Link>;
  }
  return (
    <span>
      {label}
      {fix.paymentIds.length > 0 ? <span className="mono muted small"> ({fix.paymentIds.join(', ')})</span> : null}
    </span>
  );
}
