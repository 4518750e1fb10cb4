/**
 * One figure with its change since the previous month. The raw values ride along as data
 * attributes (`data-figure` names the API field, `data-value`, `data-previous`), so the
 * browser tests compare the screen with the API's answer figure by figure. A figure the API
 * withholds (null: small-cell suppression, API.md) shows as "—" with `data-suppressed`.
 */
import { useTranslation } from 'react-i18next';
import {
  formatCount,
  formatCountChange,
  formatHours,
  formatHoursChange,
  formatPointChange,
  formatRatio,
  formatRatioChange,
  formatRupiah,
  formatShare,
  type Locale,
} from '../format/format.ts';

export type FigureKind = 'count' | 'rupiah' | 'share' | 'ratio' | 'hours';

export function formatFigure(kind: FigureKind, value: number, locale: Locale): string {
  switch (kind) {
    case 'count':
      return formatCount(value, locale);
    case 'rupiah':
      return formatRupiah(value, locale);
    case 'share':
      return formatShare(value, locale);
    case 'ratio':
      return formatRatio(value, locale);
    case 'hours':
      return formatHours(value, locale);
  }
}

export function formatChange(kind: FigureKind, delta: number, locale: Locale): string {
  switch (kind) {
    case 'count':
      return formatCountChange(delta, locale);
    case 'rupiah':
      return formatCountChange(delta, locale, true);
    case 'share':
      return formatPointChange(delta, locale);
    case 'ratio':
      return formatRatioChange(delta, locale);
    case 'hours':
      return formatHoursChange(delta, locale);
  }
}

/** Whether a rise is good news (coverage), bad news (leakage) or neither (amounts paid). */
export type Direction = 'up-good' | 'up-bad' | 'neutral';

export interface ChangeProps {
  kind: FigureKind;
  value: number;
  /** Undefined or null (withheld last month): nothing to compare with. */
  previous: number | null | undefined;
  direction?: Direction;
  figure?: string;
}

/** "+1,2 poin sejak Sep 2025", coloured by whether the change is good news. */
export function Change({ kind, value, previous, direction = 'neutral', figure }: ChangeProps) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  if (previous === undefined || previous === null) return <span className="change none">{t('figure.noPrevious')}</span>;
  const delta = value - previous;
  const tone = delta === 0 || direction === 'neutral' ? 'flat' : (delta > 0) === (direction === 'up-good') ? 'good' : 'bad';
  return (
    <span className={`change ${tone}`} data-change={figure} data-previous={previous}>
      {formatChange(kind, delta, locale)}
    </span>
  );
}

export interface FigureProps {
  /** The API field it shows, e.g. targetingAccuracy.coverage. */
  figure: string;
  label: string;
  hint?: string;
  kind: FigureKind;
  /** Null when the API withholds it. */
  value: number | null;
  previous?: number | null;
  direction?: Direction;
}

/** A withheld figure: a dash, and why on hover and for screen readers. */
export function Suppressed({ figure }: { figure?: string }) {
  const { t } = useTranslation();
  return (
    <span className="suppressed" data-figure={figure} data-suppressed="true" title={t('figure.suppressedHint')} aria-label={t('figure.suppressed')}>
      —
    </span>
  );
}

/** The note a screen shows above figures when any of them is withheld. */
export function SuppressedNote({ shown }: { shown: boolean }) {
  const { t } = useTranslation();
  return shown ? (
    <p className="notice" role="note" data-testid="suppressed-note">
      {t('figure.suppressedNote')}
    </p>
  ) : null;
}

export function Figure({ figure, label, hint, kind, value, previous, direction }: FigureProps) {
  const { i18n } = useTranslation();
  return (
    <div className="figure" role="group" aria-label={label}>
      <div className="figure-label">{label}</div>
      {value === null ? (
        <div className="figure-value">
          <Suppressed figure={figure} />
        </div>
      ) : (
        <>
          <div className="figure-value" data-figure={figure} data-value={value}>
            {formatFigure(kind, value, i18n.language as Locale)}
          </div>
          <Change kind={kind} value={value} previous={previous} direction={direction} figure={figure} />
        </>
      )}
      {hint ? <div className="figure-hint">{hint}</div> : null}
    </div>
  );
}

/** A figure inside a table cell: the value, and under it the change. */
export function FigureCell({ figure, kind, value, previous, direction }: Omit<FigureProps, 'label' | 'hint'>) {
  const { i18n } = useTranslation();
  if (value === null) return <Suppressed figure={figure} />;
  return (
    <>
      <span data-figure={figure} data-value={value}>
        {formatFigure(kind, value, i18n.language as Locale)}
      </span>
      {previous !== undefined && previous !== null ? (
        <>
          {' '}
          <Change kind={kind} value={value} previous={previous} direction={direction} figure={figure} />
        </>
      ) : null}
    </>
  );
}
