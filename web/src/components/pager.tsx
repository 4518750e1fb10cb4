/**
 * "Page 2 of 5" with previous and next: the one pager of every paged list and table, whether
 * it pages by offset (a page number) or by cursor (the cursors seen). The summary is read out
 * when it changes.
 */
import { useState, type ReactNode } from 'react';
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

/**
 * Cursor paging of a list the hub pages with `after`/`endCursor`: the cursors of the pages
 * seen, so "previous" goes back without asking the hub to count, and a new `filterKey`
 * (another filter or question) starts again at the first page.
 */
export function useCursorPages(filterKey: string) {
  const [pages, setPages] = useState<{ key: string; cursors: (string | null)[] }>({ key: filterKey, cursors: [null] });
  const cursors = pages.key === filterKey ? pages.cursors : [null];
  return {
    /** The `after` argument of the page shown. */
    after: cursors[cursors.length - 1] ?? null,
    /** The page shown, from 1. */
    page: cursors.length,
    canPrevious: cursors.length > 1,
    previous: () => setPages({ key: filterKey, cursors: cursors.slice(0, -1) }),
    next: (endCursor: string | null) => setPages({ key: filterKey, cursors: [...cursors, endCursor] }),
  };
}

/** The pager of a cursor-paged answer: previous from the pages seen, next from the answer's endCursor, not while an earlier page still shows (`stale`). */
export function CursorPager({ pages, summary, answer, stale }: { pages: ReturnType<typeof useCursorPages>; summary: ReactNode; answer: { hasNextPage: boolean; endCursor?: string | null }; stale: boolean }) {
  return (
    <Pager
      summary={summary}
      canPrevious={pages.canPrevious}
      canNext={answer.hasNextPage && !stale}
      onPrevious={pages.previous}
      onNext={() => pages.next(answer.endCursor ?? null)}
    />
  );
}
