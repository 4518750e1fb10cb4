/**
 * A sortable, paged table (TanStack Table) with a caption for screen readers, sort buttons
 * in the column headers (reachable by keyboard, `aria-sort` on the header) and pages of
 * `pageSize` rows. Cells render what the screen gives them; values stay raw for sorting.
 */
import {
  createPaginatedRowModel,
  createSortedRowModel,
  rowPaginationFeature,
  rowSortingFeature,
  sortFn_alphanumeric,
  sortFn_basic,
  tableFeatures,
  useTable,
  type ColumnDef,
  type RowData,
  type SortingState,
} from '@tanstack/react-table';
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Pager } from './pager.tsx';

const features = tableFeatures({
  rowSortingFeature,
  rowPaginationFeature,
  sortedRowModel: createSortedRowModel(),
  paginatedRowModel: createPaginatedRowModel(),
  sortFns: { alphanumeric: sortFn_alphanumeric, basic: sortFn_basic },
  columnMeta: {} as { numeric?: boolean },
});

export type Column<Row extends RowData> = ColumnDef<typeof features, Row>;

export interface DataTableProps<Row extends RowData> {
  /** What the table shows, read out before it (and shown unless `captionHidden`). */
  caption: string;
  captionHidden?: boolean;
  columns: Column<Row>[];
  data: Row[];
  /** Rows per page; every row on one page when absent. */
  pageSize?: number;
  initialSorting?: SortingState;
  /** A stable id per row, for React and for tests. */
  rowId?: (row: Row) => string;
  testId?: string;
  footer?: ReactNode;
}

export function DataTable<Row extends RowData>({ caption, captionHidden, columns, data, pageSize, initialSorting, rowId, testId, footer }: DataTableProps<Row>) {
  const { t } = useTranslation();
  const [sorting, setSorting] = useState<SortingState>(initialSorting ?? []);
  const [pagination, setPagination] = useState({ pageIndex: 0, pageSize: pageSize ?? Math.max(1, data.length) });
  const table = useTable({
    features,
    columns,
    data,
    getRowId: rowId ? (row: Row) => rowId(row) : undefined,
    state: { sorting, pagination: pageSize ? pagination : { pageIndex: 0, pageSize: Math.max(1, data.length) } },
    onSortingChange: setSorting,
    onPaginationChange: setPagination,
    autoResetPageIndex: true,
    // The lowest first, whatever the column: the regions left behind are what an analyst looks for.
    sortDescFirst: false,
  });
  const pages = table.getPageCount();
  const rows = table.getRowModel().rows;
  const summary = useMemo(() => t('table.page', { page: pagination.pageIndex + 1, pages, rows: data.length }), [pages, pagination.pageIndex, data.length, t]);

  return (
    <div className="data-table" data-testid={testId}>
      <div className="table-scroll" tabIndex={0} role="region" aria-label={caption}>
        <table>
          <caption className={captionHidden ? 'visually-hidden' : undefined}>{caption}</caption>
          <thead>
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header) => {
                  const sorted = header.column.getIsSorted();
                  const numeric = header.column.columnDef.meta?.numeric;
                  return (
                    <th
                      key={header.id}
                      scope="col"
                      className={numeric ? 'numeric' : undefined}
                      aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined}
                    >
                      {header.column.getCanSort() ? (
                        <button type="button" className="sort" onClick={header.column.getToggleSortingHandler()}>
                          <table.FlexRender header={header} />
                          <span aria-hidden="true" className="sort-mark">
                            {sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : '↕'}
                          </span>
                        </button>
                      ) : (
                        <table.FlexRender header={header} />
                      )}
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id} data-row={row.id}>
                {row.getAllCells().map((cell) => (
                  <td key={cell.id} className={cell.column.columnDef.meta?.numeric ? 'numeric' : undefined}>
                    <table.FlexRender cell={cell} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
          {footer ? <tfoot>{footer}</tfoot> : null}
        </table>
      </div>
      {pageSize && pages > 1 ? (
        <Pager
          summary={summary}
          canPrevious={table.getCanPreviousPage()}
          canNext={table.getCanNextPage()}
          onPrevious={() => table.previousPage()}
          onNext={() => table.nextPage()}
        />
      ) : null}
    </div>
  );
}
