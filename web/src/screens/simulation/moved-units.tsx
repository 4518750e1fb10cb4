/**
 * The units one draft would move into or out of E (`simulatedMovedUnits`), a page at a time
 * as the hub pages them, each with the checks it fails now and under the draft. Personal
 * data: shown to auditors inside the purpose gate, so every request carries the case.
 */
import '../../i18n/ns/analyst.ts';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { useApiQuery } from '../../api/use-api.ts';
import { DataTable, type Column } from '../../components/data-table.tsx';
import { ErrorNotice, Loading } from '../../components/error-notice.tsx';
import { SelectField } from '../../components/fields.tsx';
import { CursorPager, useCursorPages } from '../../components/pager.tsx';
import { formatCount, type Locale } from '../../format/format.ts';
import type { ResultOf, VariablesOf } from '../../graphql/graphql.ts';
import { PATHS } from '../../routes.ts';
import { SimulatedMovedUnits } from './documents.ts';
import type { Asked } from './simulation.tsx';

type MovedUnit = ResultOf<typeof SimulatedMovedUnits>['simulatedMovedUnits']['nodes'][number];
type Direction = NonNullable<VariablesOf<typeof SimulatedMovedUnits>['direction']>;
const DIRECTIONS: Direction[] = ['ENTERING', 'LEAVING'];
const PAGE_SIZE = 50;

export function MovedUnits({ asked, drafts }: { asked: Asked; drafts: string[] }) {
  const { t, i18n } = useTranslation('analyst');
  const locale = i18n.language as Locale;
  const [draftIndex, setDraftIndex] = useState(0);
  const [direction, setDirection] = useState<Direction | null>(null);
  const draft = asked.drafts[Math.min(draftIndex, asked.drafts.length - 1)]!;
  // A new simulation or filter starts again at the first page.
  const filterKey = JSON.stringify([asked, draftIndex, direction]);
  const pages = useCursorPages(filterKey);
  const after = pages.after;
  const page = useApiQuery(
    SimulatedMovedUnits,
    { draft, program: asked.program, period: asked.period, region: asked.region ?? null, direction, first: PAGE_SIZE, after },
    { keepPrevious: true },
  );
  const data = page.data?.simulatedMovedUnits;
  return (
    <section className="panel" aria-labelledby="moved-units" data-testid="moved-units" data-total={data?.totalCount ?? ''} aria-busy={page.isFetching}>
      <h2 id="moved-units">{t('simulation.moved.title')}</h2>
      <div className="selection-bar">
        {drafts.length > 1 ? (
          <SelectField
            label={t('simulation.moved.draft')}
            name="movedDraft"
            value={String(draftIndex)}
            onChange={(e) => setDraftIndex(Number(e.target.value))}
            options={drafts.map((label, i) => ({ value: String(i), label }))}
          />
        ) : null}
        <SelectField
          label={t('simulation.moved.direction')}
          name="direction"
          value={direction ?? ''}
          onChange={(e) => setDirection((e.target.value || null) as Direction | null)}
          options={[{ value: '', label: t('simulation.moved.both') }, ...DIRECTIONS.map((d) => ({ value: d, label: t(`simulation.moved.${d}`) }))]}
        />
      </div>
      {page.error ? <ErrorNotice error={page.error} /> : null}
      {!data && !page.error ? <Loading /> : null}
      {data ? (
        <>
          <p data-testid="moved-total" data-value={data.totalCount}>
            {t('simulation.moved.total', { count: data.totalCount, formatted: formatCount(data.totalCount, locale) })}
          </p>
          <MovedTable rows={data.nodes} />
          <CursorPager pages={pages} summary={t('simulation.moved.page', { page: pages.page })} answer={data} stale={page.isPlaceholderData} />
        </>
      ) : null}
    </section>
  );
}

function MovedTable({ rows }: { rows: MovedUnit[] }) {
  const { t } = useTranslation('analyst');
  const columns = useMemo<Column<MovedUnit>[]>(() => {
    const failed = (checks: string[]) => (checks.length ? <span className="mono">{checks.join(', ')}</span> : <span className="muted">{t('simulation.moved.none')}</span>);
    return [
      { id: 'unit', accessorKey: 'unit', header: t('simulation.moved.unit'), cell: (c) => <span className="mono nowrap">{c.row.original.unit}</span> },
      {
        id: 'nik',
        accessorKey: 'nik',
        header: t('simulation.moved.nik'),
        cell: (c) => (
          <Link href={`${PATHS.person}/${c.row.original.nik}`} className="mono">
            {c.row.original.nik}
          </Link>
        ),
      },
      { id: 'kk', accessorKey: 'kk', header: t('simulation.moved.kk'), cell: (c) => <span className="mono nowrap">{c.row.original.kk}</span> },
      { id: 'village', accessorKey: 'villageCode', header: t('simulation.moved.village'), cell: (c) => <span className="mono nowrap">{c.row.original.villageCode}</span> },
      { id: 'decile', accessorFn: (r) => r.decile ?? 99, header: t('simulation.moved.decile'), meta: { numeric: true }, cell: (c) => c.row.original.decile ?? '–' },
      { id: 'direction', accessorKey: 'direction', header: t('simulation.moved.direction'), cell: (c) => t(`simulation.moved.${c.row.original.direction}`) },
      { id: 'failedNow', header: t('simulation.moved.failedNow'), enableSorting: false, cell: (c) => failed(c.row.original.failedNow) },
      { id: 'failedUnderDraft', header: t('simulation.moved.failedUnderDraft'), enableSorting: false, cell: (c) => failed(c.row.original.failedUnderDraft) },
    ];
  }, [t]);
  return <DataTable caption={t('simulation.moved.caption')} captionHidden columns={columns} data={rows} rowId={(r) => r.unit} testId="moved-table" />;
}
