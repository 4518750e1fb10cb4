/**
 * "Page 2 of 5" with previous and next: the one pager of every paged list and table, whether
 * it pages by offset (a page number) or by cursor (the cursors seen). The summary is read out
 * when it changes.
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export interface PagerProps {
  summary: ReactNode;
  canPrevious: boolean;
  canNext: boolean;
  onPrevious(): void;
  onNext(): void;
}

export function Pager({ summary, canPrevious, canNext, onPrevious, onNext }: PagerProps) {
  const { t } = useTranslation();
  return (
    <div className="table-pager">
      <span aria-live="polite">{summary}</span>
      <span className="pager-buttons">
        <button type="button" disabled={!canPrevious} onClick={onPrevious}>
          {t('table.previous')}
        </button>
        <button type="button" disabled={!canNext} onClick={onNext}>
          {t('table.next')}
        </button>
      </span>
    </div>
  );
}
