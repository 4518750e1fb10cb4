/**
 * A person's record composed across every subgraph (`person(nik)`: population, DTKS,
 * vaccination, civil service, aid history) and, for auditors and admins, the eligibility
 * decisions logged about them. Auditors state their case first; operators read the people
 * of their region, which the hub enforces, curate their DTKS record and ask their
 * eligibility.
 */
import '../../i18n/ns/auditor.ts';
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useParams } from 'wouter';
import { useApiQuery } from '../../api/use-api.ts';
import { DataTable, type Column } from '../../components/data-table.tsx';
import { ErrorNotice, Loading } from '../../components/error-notice.tsx';
import { NIK_PATTERN, TextField } from '../../components/fields.tsx';
import { formatDate, formatInstant, formatMonth, formatRupiah, type Locale } from '../../format/format.ts';
import type { ResultOf } from '../../graphql/graphql.ts';
import { PATHS } from '../../routes.ts';
import { useSession } from '../../session/session.tsx';
import { Page } from '../../components/page.tsx';
import { DtksPanel, EligibilityPanel } from '../operator/curation.tsx';
import { DecisionHistory, PersonRecord } from './documents.ts';
import { PurposeGate } from './purpose-gate.tsx';

type Person = NonNullable<ResultOf<typeof PersonRecord>['person']>;

export default function PersonScreen() {
  const { t } = useTranslation('auditor');
  const { nik } = useParams<{ nik?: string }>();
  return (
    <Page title={t('person.title')}>
      <PurposeGate>
        <NikForm nik={nik} />
        {nik ? <PersonView nik={nik} /> : null}
      </PurposeGate>
    </Page>
  );
}

function NikForm({ nik }: { nik?: string }) {
  const { t } = useTranslation('auditor');
  const [, navigate] = useLocation();
  const [value, setValue] = useState(nik ?? '');
  function submit(event: FormEvent) {
    event.preventDefault();
    navigate(`${PATHS.person}/${value.trim()}`);
  }
  return (
    <form className="selection-bar" onSubmit={submit}>
      <TextField label={t('person.nik')} name="nik" inputMode="numeric" pattern={NIK_PATTERN} value={value} onChange={(e) => setValue(e.target.value)} required />
      <button type="submit">{t('person.open')}</button>
    </form>
  );
}

function PersonView({ nik }: { nik: string }) {
  const { t } = useTranslation('auditor');
  const { role } = useSession();
  const record = useApiQuery(PersonRecord, { nik });
  if (record.error) return <ErrorNotice error={record.error} />;
  if (!record.data) return <Loading />;
  const person = record.data.person;
  // A region-bound caller gets null for someone outside its region as for an unknown NIK (API.md, Access).
  if (!person) return <p role="status">{t(role === 'AUDITOR' || role === 'ADMIN' ? 'person.unknown' : 'person.unknownInRegion', { nik })}</p>;
  return (
    <div data-testid="person" data-nik={person.nik}>
      <Identity person={person} />
      <DtksPanel record={person.dtks ?? null} canCurate={role === 'OPERATOR'} />
      {role === 'OPERATOR' ? (
        <div className="two-columns">
          <EligibilityPanel nik={person.nik} />
          <Family person={person} />
        </div>
      ) : (
        <Family person={person} />
      )}
      <Aid person={person} />
      <div className="two-columns">
        <CivilService person={person} />
        <Vaccinations person={person} />
      </div>
      {role === 'AUDITOR' || role === 'ADMIN' ? <Decisions nik={nik} /> : null}
    </div>
  );
}

function Identity({ person }: { person: Person }) {
  const { t, i18n } = useTranslation('auditor');
  const locale = i18n.language as Locale;
  const v = person.village;
  return (
    <section className="panel" aria-labelledby="identity-title">
      <h2 id="identity-title" data-testid="person-name">
        {person.fullName}
      </h2>
      <dl className="facts">
        <dt>{t('person.nik')}</dt>
        <dd className="mono">{person.nik}</dd>
        <dt>{t('person.kk')}</dt>
        <dd className="mono">{person.kk}</dd>
        <dt>{t('person.sex')}</dt>
        <dd>{t(`person.sexValue.${person.sex}`)}</dd>
        <dt>{t('person.birthDate')}</dt>
        <dd>{formatDate(person.birthDate, locale)}</dd>
        {person.deathDate ? (
          <>
            <dt>{t('person.deathDate')}</dt>
            <dd className="bad">{formatDate(person.deathDate, locale)}</dd>
          </>
        ) : null}
        <dt>{t('person.domicile')}</dt>
        <dd>{v ? `${v.name}, ${v.district.name}, ${v.regency.name}, ${v.province.name} (${person.villageCode})` : person.villageCode}</dd>
      </dl>
    </section>
  );
}

function Family({ person }: { person: Person }) {
  const { t } = useTranslation('auditor');
  return (
    <section className="panel" aria-labelledby="family-title">
      <h2 id="family-title">{t('person.family', { kk: person.family.kk })}</h2>
      <table>
        <caption className="visually-hidden">{t('person.familyCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('person.nik')}</th>
            <th scope="col">{t('person.name')}</th>
            <th scope="col">{t('person.relationship')}</th>
          </tr>
        </thead>
        <tbody>
          {person.family.members.map((m) => (
            <tr key={m.nik}>
              <td className="mono">{m.nik}</td>
              <td>
                {m.fullName}
                {m.deathDate ? ` †` : ''}
              </td>
              <td>{t(`person.relationshipValue.${m.relationship}`, { defaultValue: m.relationship })}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

type Payment = NonNullable<Person['aidHistory']>[number];

function Aid({ person }: { person: Person }) {
  const { t, i18n } = useTranslation('auditor');
  const locale = i18n.language as Locale;
  const columns = useMemo<Column<Payment>[]>(
    () => [
      { id: 'id', accessorKey: 'id', header: t('person.payment'), cell: (c) => <span className="mono nowrap">{c.row.original.id}</span> },
      { id: 'program', accessorFn: (d) => d.program.code, header: t('person.program') },
      { id: 'period', accessorKey: 'period', header: t('person.period'), cell: (c) => formatMonth(c.row.original.period, locale) },
      { id: 'amount', accessorKey: 'amountIdr', header: t('person.amount'), meta: { numeric: true }, cell: (c) => formatRupiah(c.row.original.amountIdr, locale) },
      { id: 'disbursedOn', accessorKey: 'disbursedOn', header: t('person.disbursedOn'), cell: (c) => formatDate(c.row.original.disbursedOn, locale) },
      { id: 'district', accessorKey: 'districtCode', header: t('person.district') },
    ],
    [t, locale],
  );
  return (
    <section className="panel" aria-labelledby="aid-title">
      <h2 id="aid-title">{t('person.aid')}</h2>
      {person.aidHistory === null ? (
        <p className="muted">{t('person.sourceDown')}</p>
      ) : person.aidHistory.length === 0 ? (
        <p className="muted">{t('person.noAid')}</p>
      ) : (
        <DataTable
          caption={t('person.aidCaption')}
          captionHidden
          columns={columns}
          data={person.aidHistory}
          pageSize={12}
          initialSorting={[{ id: 'disbursedOn', desc: true }]}
          rowId={(d) => d.id}
          testId="aid-table"
        />
      )}
    </section>
  );
}

function CivilService({ person }: { person: Person }) {
  const { t, i18n } = useTranslation('auditor');
  const locale = i18n.language as Locale;
  return (
    <section className="panel" aria-labelledby="service-title">
      <h2 id="service-title">{t('person.civilService')}</h2>
      {person.civilService === null ? (
        <p className="muted">{t('person.sourceDown')}</p>
      ) : person.civilService.length === 0 ? (
        <p className="muted">{t('person.noService')}</p>
      ) : (
        <ul>
          {person.civilService.map((s, i) => (
            <li key={i}>
              {s.corps} · {s.agency} · {formatDate(s.startDate, locale)} – {s.endDate ? formatDate(s.endDate, locale) : t('person.ongoing')}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Vaccinations({ person }: { person: Person }) {
  const { t, i18n } = useTranslation('auditor');
  const locale = i18n.language as Locale;
  return (
    <section className="panel" aria-labelledby="vaccination-title">
      <h2 id="vaccination-title">{t('person.vaccinations')}</h2>
      {person.vaccinations === null ? (
        <p className="muted">{t('person.sourceDown')}</p>
      ) : person.vaccinations.length === 0 ? (
        <p className="muted">{t('person.noVaccination')}</p>
      ) : (
        <ul>
          {person.vaccinations.map((v) => (
            <li key={`${v.dose}-${v.administeredOn}`}>
              {t('person.dose', { dose: v.dose })} · {v.vaccine} · {formatDate(v.administeredOn, locale)}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

interface LoggedCheck {
  code?: string;
  status?: string;
  reason?: string | null;
}

function Decisions({ nik }: { nik: string }) {
  const { t, i18n } = useTranslation('auditor');
  const locale = i18n.language as Locale;
  const history = useApiQuery(DecisionHistory, { nik });
  return (
    <section className="panel" aria-labelledby="decisions-title" data-testid="decisions">
      <h2 id="decisions-title">{t('person.decisions')}</h2>
      {history.error ? <ErrorNotice error={history.error} /> : null}
      {!history.data && !history.error ? <Loading /> : null}
      {history.data && history.data.decisions.length === 0 ? <p className="muted">{t('person.noDecisions')}</p> : null}
      {history.data && history.data.decisions.length > 0 ? (
        <div className="table-scroll" tabIndex={0} role="region" aria-label={t('person.decisions')}>
          <table>
            <caption className="visually-hidden">{t('person.decisionsCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('person.decidedAt')}</th>
                <th scope="col">{t('person.ruleSet')}</th>
                <th scope="col">{t('person.asOf')}</th>
                <th scope="col">{t('person.decision')}</th>
                <th scope="col">{t('person.reasons')}</th>
                <th scope="col">{t('person.askedBy')}</th>
              </tr>
            </thead>
            <tbody>
              {history.data.decisions.map((d) => {
                const checks = (Array.isArray(d.checks) ? d.checks : []) as LoggedCheck[];
                const notPassed = checks.filter((c) => c.status && c.status !== 'PASS');
                return (
                  <tr key={d.id} data-decision={d.decision}>
                    <td>{formatInstant(d.decidedAt, locale)}</td>
                    <td>
                      {d.ruleSet} v{d.ruleSetVersion}
                      {d.program ? ` · ${d.program}` : ''}
                    </td>
                    <td>{formatDate(d.asOf, locale)}</td>
                    <td>
                      <span className={`decision ${d.decision.toLowerCase()}`}>{t(`person.decisionValue.${d.decision}`, { defaultValue: d.decision })}</span>
                    </td>
                    <td>{notPassed.map((c) => `${c.code} ${c.status}${c.reason ? `: ${c.reason}` : ''}`).join('; ') || '–'}</td>
                    <td>{d.callerRole}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
