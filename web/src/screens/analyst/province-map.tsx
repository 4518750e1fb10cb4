/** Provinces coloured by coverage; a province opens its regencies. The boundary set's provenance and gap are said under it. */
import '../../i18n/ns/analyst.ts';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Chart } from '../../components/chart.tsx';
import { INDONESIA_MAP, MAPPED_PROVINCES } from '../../charts/provinces.ts';
import { formatShare, type Locale } from '../../format/format.ts';
import type { RegionRow } from './regions.tsx';

export function ProvinceMap({ regions, onSelect }: { regions: RegionRow[]; onSelect: (code: string) => void }) {
  const { t, i18n } = useTranslation('analyst');
  const locale = i18n.language as Locale;
  const names = useMemo(() => new Map(regions.map((r) => [r.region, r.name])), [regions]);
  const unmapped = regions.filter((r) => !MAPPED_PROVINCES.has(r.region));
  const option = useMemo(
    () => ({
      tooltip: {
        trigger: 'item',
        formatter: (p: { name: string; value: number }) =>
          `${names.get(p.name) ?? p.name}: ${Number.isFinite(p.value) ? formatShare(p.value, locale) : t('regions.noData')}`,
      },
      visualMap: {
        type: 'continuous',
        min: 0,
        max: 1,
        left: 8,
        bottom: 0,
        calculable: false,
        orient: 'horizontal',
        itemWidth: 12,
        itemHeight: 120,
        text: [formatShare(1, locale), formatShare(0, locale)],
        inRange: { color: ['#f3e2cf', '#b9dbe3', '#0f6e8c'] },
      },
      series: [
        {
          type: 'map',
          map: INDONESIA_MAP,
          name: t('regions.coverage'),
          roam: false,
          aspectScale: 1,
          // The box is the country's shape (aspectRatio below); the colour scale sits under it.
          left: 4,
          right: 4,
          top: 4,
          bottom: 36,
          emphasis: { label: { show: false } },
          itemStyle: { borderColor: '#ffffff', borderWidth: 0.6, areaColor: '#e6e9ec' },
          data: regions.filter((r) => MAPPED_PROVINCES.has(r.region)).map((r) => ({ name: r.region, value: r.coverage })),
        },
      ],
    }),
    [regions, names, t, locale],
  );
  return (
    <>
      <Chart kind="map" option={option} label={t('regions.mapLabel')} aspectRatio={2.3} onSelect={onSelect} testId="province-map" />
      {unmapped.length > 0 ? <p className="muted small">{t('regions.unmapped', { names: unmapped.map((r) => r.name).join(', ') })}</p> : null}
      <p className="muted small">{t('regions.mapCredit')}</p>
    </>
  );
}
