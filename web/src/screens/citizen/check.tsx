/**
 * Cek Bansos (API.md, public recipient check): NIK and name as on the KTP, the aid the person
 * and their family card received. An unknown NIK and a wrong name get the same answer from
 * the hub ("not matched"), and the screen says the same for both.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { usePendingMutation } from '../../api/use-api.ts';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { NIK_PATTERN, TextField } from '../../components/fields.tsx';
import { formatMonth, formatRupiah, type Locale } from '../../format/format.ts';
import { PENDING, type ReceivedAid, type RecipientCheckData, type RecipientCheckVariables } from './pending.ts';

export default function CheckScreen() {
  const { t } = useTranslation('citizen');
  const [nik, setNik] = useState('');
  const [name, setName] = useState('');
  const check = usePendingMutation<RecipientCheckData, RecipientCheckVariables>(PENDING.recipientCheck);

  function submit(event: FormEvent) {
    event.preventDefault();
    check.mutate({ nik: nik.trim(), name: name.trim() });
  }

  return (
    <section className="page phone">
      <h1>{t('check.title')}</h1>
      <p>{t('check.intro')}</p>
      <form onSubmit={submit} className="stack" aria-describedby="check-privacy">
        <TextField label={t('form.nik')} hint={t('form.nikHint')} name="nik" inputMode="numeric" autoComplete="off" pattern={NIK_PATTERN} maxLength={16} value={nik} onChange={(e) => setNik(e.target.value)} required />
        <TextField label={t('form.name')} hint={t('form.nameHint')} name="name" autoComplete="name" value={name} onChange={(e) => setName(e.target.value)} required />
        <button type="submit" className="primary wide" disabled={check.isPending}>
          {check.isPending ? t('form.sending') : t('check.action')}
        </button>
        <p className="muted small" id="check-privacy">
          {t('check.privacy')}
        </p>
      </form>
      <div aria-live="polite">
        {check.error ? <ErrorNotice error={check.error} /> : null}
        {check.data ? <CheckResult result={check.data.recipientCheck} /> : null}
      </div>
    </section>
  );
}

function CheckResult({ result }: { result: RecipientCheckData['recipientCheck'] }) {
  const { t, i18n } = useTranslation('citizen');
  const locale = i18n.language as Locale;
  if (!result.matched) {
    return (
      <div className="result neutral" data-testid="check-result" data-matched="false">
        <h2>{t('check.notMatched')}</h2>
        <p>{t('check.notMatchedHint')}</p>
      </div>
    );
  }
  const list = (items: ReceivedAid[]) => (
    <ul className="aid-list">
      {items.map((a) => (
        <li key={a.program}>
          <strong>{a.name}</strong> ({a.program}) <span className="amount">{formatRupiah(a.amount, locale)}</span>
        </li>
      ))}
    </ul>
  );
  return (
    <div className="result" data-testid="check-result" data-matched="true">
      <h2>{t('check.matched', { period: formatMonth(result.period, locale) })}</h2>
      {result.programs.length ? list(result.programs) : <p>{t('check.noPersonalAid')}</p>}
      <h3>{t('check.family')}</h3>
      {result.familyPrograms.length ? list(result.familyPrograms) : <p>{t('check.noFamilyAid')}</p>}
    </div>
  );
}
