/**
 * Regional equity (METRICS.md): the regions of a level compared, as a sortable table and,
 * for provinces, as a map coloured by coverage. A region opens the regions inside it
 * (province -> regency -> district, `regionalEquity(within:)`); auditors can go from any
 * region to the flagged payments behind it.
 */
import '../../i18n/ns/analyst.ts';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearch } from 'wouter';
import { useApiQuery } from '../../api/use-api.ts';
import { Chart } from '../../components/chart.tsx';
import { DataTable, type Column } from '../../components/data-table.tsx';
import { ErrorNotice, Loading } from '../../components/error-notice.tsx';
import { FigureCell, Suppressed, SuppressedNote } from '../../components/figure.tsx';
import { COLOURS } from '../../charts/colours.ts';
import { formatGini, formatRatio, formatShare, type Locale } from '../../format/format.ts';
import type { ResultOf, VariablesOf } from '../../graphql/graphql.ts';
import { PATHS } from '../../routes.ts';
import { useSession } from '../../session/session.tsx';
import { levelBelow } from '../../format/region-level.ts';
import { RegionalEquity } from './documents.ts';
import { ProvinceMap } from './province-map.tsx';
import { AnalystFrame, useSetParams, type Selection } from './selection.tsx';


type Level = VariablesOf<typeof RegionalEquity>['level'];
export type RegionRow = ResultOf<typeof RegionalEquity>['regionalEquity']['regions'][number];

/** The level below a region code: a province's regencies, a regency's districts. */
function levelInside(within: string | null): Level {
  return levelBelow(within) ?? 'DISTRICT';
}

export default function RegionsScreen() {
  const { t } = useTranslation('analyst');
  return (
    <AnalystFrame title={t('regions.title')} regionField={false}>
      {(selection) => <RegionsView selection={selection} />}
    </AnalystFrame>
  );
}

function RegionsView({ selection }: { selection: Selection }) {
  const { t, i18n } = useTranslation('analyst');
  const locale = i18n.language as Locale;
  const { role } = useSession();
  const search = useSearch();
  const setParams = useSetParams();
  const within = new URLSearchParams(search).get('within') || null;
  const level = levelInside(within);
  const { program, period } = selection;
  const equity = useApiQuery(RegionalEquity, { program, period, level, within }, { keepPrevious: true });
  const regions = equity.data?.regionalEquity.regions;
  const drill = (code: string) => (code.length < 8 ? setParams({ within: code }) : undefined);

  const columns = useMemo<Column<RegionRow>[]>(
    () => [
      { id: 'region', accessorKey: 'region', header: t('regions.code') },
      {
        id: 'name',
        accessorKey: 'name',
        header: t('regions.name'),
        cell: (c) =>
          c.row.original.region.length < 8 ? (
            <button type="button" className="link" onClick={() => drill(c.row.original.region)} aria-label={t('regions.open', { name: c.row.original.name })}>
              {c.row.original.name}
            </button>
          ) : (
            c.row.original.name
          ),
      },
      { id: 'eligible', accessorFn: (r) => r.eligible ?? undefined, sortUndefined: 'last', header: t('regions.eligible'), meta: { numeric: true }, cell: (c) => <FigureCell figure={`regionalEquity.${c.row.original.region}.eligible`} kind="count" value={c.row.original.eligible} /> },
      { id: 'recipients', accessorFn: (r) => r.recipients ?? undefined, sortUndefined: 'last', header: t('regions.recipients'), meta: { numeric: true }, cell: (c) => <FigureCell figure={`regionalEquity.${c.row.original.region}.recipients`} kind="count" value={c.row.original.recipients} /> },
      { id: 'amount', accessorFn: (r) => r.amount ?? undefined, sortUndefined: 'last', header: t('regions.amount'), meta: { numeric: true }, cell: (c) => <FigureCell figure={`regionalEquity.${c.row.original.region}.amount`} kind="rupiah" value={c.row.original.amount} /> },
      { id: 'coverage', accessorFn: (r) => r.coverage ?? undefined, sortUndefined: 'last', header: t('regions.coverage'), meta: { numeric: true }, cell: (c) => <FigureCell figure={`regionalEquity.${c.row.original.region}.coverage`} kind="share" value={c.row.original.coverage} /> },
      {
        id: 'allocationRatio',
        accessorFn: (r) => (r.suppressed ? undefined : (r.allocationRatio ?? -1)),
        sortUndefined: 'last',
        header: t('regions.allocation'),
        meta: { numeric: true },
        cell: (c) =>
          c.row.original.suppressed ? (
            <Suppressed figure={`regionalEquity.${c.row.original.region}.allocationRatio`} />
          ) : c.row.original.allocationRatio == null ? (
            <span data-figure={`regionalEquity.${c.row.original.region}.allocationRatio`} data-value="">–</span>
          ) : (
            <FigureCell figure={`regionalEquity.${c.row.original.region}.allocationRatio`} kind="ratio" value={c.row.original.allocationRatio} />
          ),
      },
      ...(role === 'AUDITOR'
        ? [
            {
              id: 'cases',
              header: t('leakage.cases'),
              enableSorting: false,
              cell: (c) => (
                <Link href={`${PATHS.flagged}?${new URLSearchParams({ program, period, region: c.row.original.region })}`}>{t('regions.cases')}</Link>
              ),
            } satisfies Column<RegionRow>,
          ]
        : []),
    ],
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [t, role, program, period, within],
  );

  const bars = useMemo(() => {
    if (!regions || level === 'PROVINCE') return undefined;
    // Withheld regions (small-cell suppression) have no bar.
    const sorted = regions.filter((r) => r.coverage !== null).sort((a, b) => a.coverage! - b.coverage!);
    if (sorted.length === 0) return null;
    return {
      grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => formatShare(v, locale) },
      xAxis: { type: 'value', min: 0, max: 1, axisLabel: { formatter: (v: number) => formatShare(v, locale) } },
      yAxis: { type: 'category', data: sorted.map((r) => r.name), axisLabel: { width: 120, overflow: 'truncate' } },
      series: [{ type: 'bar', name: t('regions.coverage'), data: sorted.map((r) => ({ value: r.coverage, name: r.region })), itemStyle: { color: COLOURS.accent } }],
    };
  }, [regions, level, t, locale]);

  return (
    <div data-testid="regions" data-level={level} data-within={within ?? ''}>
      <Breadcrumbs selection={selection} within={within} />
      {equity.error ? <ErrorNotice error={equity.error} /> : null}
      {!regions && !equity.error ? <Loading /> : null}
      {regions && equity.data ? (
        <>
          <SuppressedNote shown={regions.some((r) => r.suppressed)} />
          <p className="gini" data-figure="regionalEquity.giniCoverage" data-value={equity.data.regionalEquity.giniCoverage}>
            {t('regions.gini', { gini: formatGini(equity.data.regionalEquity.giniCoverage, locale), count: regions.length })}
          </p>
          <div className="stack">
            <section className="panel">
              <h2>{level === 'PROVINCE' ? t('regions.mapTitle') : t('regions.barsTitle')}</h2>
              {level === 'PROVINCE' ? (
                <ProvinceMap regions={regions} onSelect={drill} />
              ) : bars ? (
                <Chart option={bars} label={t('regions.barsLabel')} height={Math.max(240, regions.length * 18)} onSelect={drill} testId="regions-bars" />
              ) : bars === null ? (
                <p className="muted" data-testid="regions-bars-withheld">
                  {t('regions.allWithheld')}
                </p>
              ) : null}
            </section>
            <section className="panel">
              <h2>{t(`regions.level.${level}`)}</h2>
              <DataTable
                caption={t('regions.tableCaption', { level: t(`regions.level.${level}`) })}
                captionHidden
                columns={columns}
                data={regions}
                pageSize={20}
                rowId={(r) => r.region}
                testId="regions-table"
              />
              <p className="muted small">{t('regions.allocationHint', { example: formatRatio(2, locale) })}</p>
            </section>
          </div>
        </>
      ) : null}
    </div>
  );
}

/** Indonesia › province › regency, each a link back up; names from the level above (answers the gateway keeps). */
function Breadcrumbs({ selection, within }: { selection: Selection; within: string | null }) {
  const { t } = useTranslation('analyst');
  const setParams = useSetParams();
  const province = within?.slice(0, 2) ?? null;
  const regency = within && within.length >= 5 ? within.slice(0, 5) : null;
  const provinces = useApiQuery(RegionalEquity, { program: selection.program, period: selection.period, level: 'PROVINCE', within: null }, { enabled: province !== null });
  const regencies = useApiQuery(RegionalEquity, { program: selection.program, period: selection.period, level: 'REGENCY', within: province }, { enabled: regency !== null });
  const name = (rows: RegionRow[] | undefined, code: string) => rows?.find((r) => r.region === code)?.name ?? code;
  const trail: { code: string | null; label: string }[] = [{ code: null, label: t('regions.national') }];
  if (province) trail.push({ code: province, label: name(provinces.data?.regionalEquity.regions, province) });
  if (regency) trail.push({ code: regency, label: name(regencies.data?.regionalEquity.regions, regency) });
  return (
    <nav aria-label={t('regions.trail')} className="breadcrumbs">
      <ol>
        {trail.map((step, i) => (
          <li key={step.code ?? 'id'}>
            {i < trail.length - 1 ? (
              <button type="button" className="link" onClick={() => setParams({ within: step.code })}>
                {step.label}
              </button>
            ) : (
              <span aria-current="location">{step.label}</span>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}
