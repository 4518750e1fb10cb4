/**
 * Cek Bansos (API.md, public recipient check): NIK and name as on the KTP, the aid the person
 * and their family card received. An unknown NIK and a wrong name get the same answer from
 * the hub ("not matched"), and the screen shows the same for both.
 */
import '../../i18n/ns/citizen.ts';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../api/use-api.ts';
import { ErrorNotice, Loading } from '../../components/error-notice.tsx';
import { NIK_PATTERN, TextField } from '../../components/fields.tsx';
import { formatMonth, formatRupiah, type Locale } from '../../format/format.ts';
import type { ResultOf } from '../../graphql/graphql.ts';
import { RecipientCheck } from './documents.ts';

type Result = ResultOf<typeof RecipientCheck>['recipientCheck'];

export default function CheckScreen() {
  const { t } = useTranslation('citizen');
  const [nik, setNik] = useState('');
  const [name, setName] = useState('');
  const [asked, setAsked] = useState<{ nik: string; name: string }>();
  const check = useApiQuery(RecipientCheck, { nik: asked?.nik ?? '', name: asked?.name ?? '' }, { enabled: !!asked });

  function submit(event: FormEvent) {
    event.preventDefault();
    setAsked({ nik: nik.trim(), name: name.trim() });
  }

  return (
    <section className="page phone">
      <h1>{t('check.title')}</h1>
      <p>{t('check.intro')}</p>
      <form onSubmit={submit} className="stack" aria-describedby="check-privacy">
        <TextField label={t('form.nik')} hint={t('form.nikHint')} name="nik" inputMode="numeric" autoComplete="off" pattern={NIK_PATTERN} maxLength={16} value={nik} onChange={(e) => setNik(e.target.value)} required />
        <TextField label={t('form.name')} hint={t('form.nameHint')} name="name" autoComplete="name" value={name} onChange={(e) => setName(e.target.value)} required />
        <button type="submit" className="primary wide" disabled={!!asked && check.isFetching}>
          {asked && check.isFetching ? t('form.sending') : t('check.action')}
        </button>
        <p className="muted small" id="check-privacy">
          {t('check.privacy')}
        </p>
      </form>
      <div aria-live="polite">
        {asked && check.error ? <ErrorNotice error={check.error} /> : null}
        {asked && check.isFetching ? <Loading /> : null}
        {asked && check.data && !check.isFetching ? <CheckResult result={check.data.recipientCheck} /> : null}
      </div>
    </section>
  );
}

function CheckResult({ result }: { result: Result }) {
  const { t, i18n } = useTranslation('citizen');
  const locale = i18n.language as Locale;
  if (!result.matched) {
    // The same words whatever the hub could not match: the NIK, or the name with it.
    return (
      <div className="result neutral" data-testid="check-result" data-matched="false">
        <h2>{t('check.notMatched')}</h2>
        <p>{t('check.notMatchedHint')}</p>
      </div>
    );
  }
  const list = (items: Result['programs'], testId: string) => (
    <ul className="aid-list" data-testid={testId}>
      {items.map((a) => (
        <li key={a.program} data-program={a.program} data-amount={a.amount}>
          <strong>{a.name}</strong> ({a.program}) <span className="amount">{formatRupiah(a.amount, locale)}</span>
        </li>
      ))}
    </ul>
  );
  return (
    <div className="result good" data-testid="check-result" data-matched="true">
      <h2>{t('check.matched', { period: formatMonth(result.period, locale) })}</h2>
      {result.programs.length ? list(result.programs, 'own-aid') : <p>{t('check.noPersonalAid')}</p>}
      <h3>{t('check.family')}</h3>
      {result.familyPrograms.length ? list(result.familyPrograms, 'family-aid') : <p>{t('check.noFamilyAid')}</p>}
    </div>
  );
}
