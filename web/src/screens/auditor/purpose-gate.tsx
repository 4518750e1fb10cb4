/**
 * UU PDP 27/2022: an auditor states the case before any personal view. It is asked once per
 * case and kept for the tab (sent as X-Tepat-Purpose with every request), until the auditor
 * changes case from the header. Other roles pass through: the hub decides what they get.
 */
import '../../i18n/ns/auditor.ts';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { TextField } from '../../components/fields.tsx';
import { useSession } from '../../session/session.tsx';

export function PurposeGate({ children }: { children: ReactNode }) {
  const { t } = useTranslation('auditor');
  const session = useSession();
  const [purpose, setPurpose] = useState('');
  if (session.role !== 'AUDITOR' || session.purpose) return <>{children}</>;
  function submit(event: FormEvent) {
    event.preventDefault();
    if (purpose.trim()) session.setPurpose(purpose.trim().slice(0, 200));
  }
  return (
    <section className="panel narrow" data-testid="purpose-gate">
      <h2>{t('purpose.title')}</h2>
      <p>{t('purpose.intro')}</p>
      <form onSubmit={submit} className="stack">
        <TextField label={t('purpose.label')} hint={t('purpose.hint')} name="purpose" value={purpose} onChange={(e) => setPurpose(e.target.value)} required maxLength={200} />
        <div>
          <button type="submit" className="primary">
            {t('purpose.start')}
          </button>
        </div>
      </form>
    </section>
  );
}
