/**
 * Find a person of the operator's region by name or NIK (what SIKS-NG lacks): a NIK opens
 * the person's record; a name searches population (searchPersons, which the hub limits to
 * the operator's region), a page at a time, each match with its village and DTKS status.
 */
import '../../i18n/ns/cases.ts';
import '../../i18n/ns/operator.ts';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useSearch } from 'wouter';
import { useApiQuery } from '../../api/use-api.ts';
import { ErrorNotice, Loading } from '../../components/error-notice.tsx';
import { TextField } from '../../components/fields.tsx';
import { Page } from '../../components/page.tsx';
import { Pager } from '../../components/pager.tsx';
import { formatCount, formatDate, type Locale } from '../../format/format.ts';
import { PATHS } from '../../routes.ts';
import { useSession } from '../../session/session.tsx';
import { SearchPersons } from './documents.ts';

const PAGE_SIZE = 20;
const NIK = /^\d{16}$/;

export default function SearchScreen() {
  const { t } = useTranslation(['operator', 'cases', 'common']);
  const { claims } = useSession();
  const search = useSearch();
  const [, navigate] = useLocation();
  const asked = new URLSearchParams(search).get('q') ?? '';
  const [value, setValue] = useState(asked);
  function submit(event: FormEvent) {
    event.preventDefault();
    const q = value.trim();
    if (NIK.test(q)) navigate(`${PATHS.person}/${q}`);
    else navigate(`${PATHS.search}?q=${encodeURIComponent(q)}`);
  }
  return (
    <Page title={t('search.title')} subtitle={t('search.subtitle', { region: claims?.region ?? '–' })}>
      <form className="selection-bar" onSubmit={submit} role="search">
        <TextField label={t('search.label')} hint={t('search.hint')} name="q" autoComplete="off" value={value} onChange={(e) => setValue(e.target.value)} required minLength={3} />
        <button type="submit" className="primary">
          {t('search.action')}
        </button>
      </form>
      {asked && !NIK.test(asked) ? <Results key={asked} name={asked} /> : null}
    </Page>
  );
}

function Results({ name }: { name: string }) {
  const { t, i18n } = useTranslation(['operator', 'cases', 'common']);
  const locale = i18n.language as Locale;
  // The cursors of the pages seen, so "previous" goes back without asking the hub to count backwards.
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const after = cursors[cursors.length - 1] ?? null;
  const found = useApiQuery(SearchPersons, { name, first: PAGE_SIZE, after }, { keepPrevious: true });
  if (found.error) return <ErrorNotice error={found.error} />;
  if (!found.data) return <Loading />;
  const page = found.data.searchPersons;
  return (
    <section className="panel" data-testid="search-results" data-total={page.totalCount} aria-busy={found.isFetching}>
      <div className="table-scroll" tabIndex={0} role="region" aria-label={t('search.caption', { name })}>
        <table className="stacked">
          <caption>{t('search.found', { count: page.totalCount, total: formatCount(page.totalCount, locale), name })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('search.name')}</th>
              <th scope="col">{t('search.nik')}</th>
              <th scope="col">{t('search.birthDate')}</th>
              <th scope="col">{t('search.village')}</th>
              <th scope="col">{t('search.dtks')}</th>
            </tr>
          </thead>
          <tbody>
            {page.persons.map((p) => (
              <tr key={p.nik} data-row={p.nik}>
                <td data-label={t('search.name')}>
                  <Link href={`${PATHS.person}/${p.nik}`}>{p.fullName}</Link>
                </td>
                <td data-label={t('search.nik')} className="mono">
                  {p.nik}
                </td>
                <td data-label={t('search.birthDate')} className="nowrap">
                  {formatDate(p.birthDate, locale)}
                </td>
                <td data-label={t('search.village')}>
                  <span>
                    {p.village ? `${p.village.name}, ${p.village.district.name}` : ''} <span className="muted small">({p.villageCode})</span>
                  </span>
                </td>
                <td data-label={t('search.dtks')}>
                  {p.dtks ? (
                    <>
                      {t(`dtks.status.${p.dtks.status}`)} · {p.dtks.decilePending ? t('dtks.decilePendingShort') : t('dtks.decileShort', { decile: p.dtks.decile })}
                    </>
                  ) : (
                    <span className="muted">{t('dtks.none')}</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {cursors.length > 1 || page.hasNextPage ? (
        <Pager
          summary={t('search.page', { page: cursors.length })}
          canPrevious={cursors.length > 1}
          canNext={page.hasNextPage && !!page.endCursor}
          onPrevious={() => setCursors((c) => c.slice(0, -1))}
          onNext={() => setCursors((c) => [...c, page.endCursor])}
        />
      ) : null}
    </section>
  );
}
