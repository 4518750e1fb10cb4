/**
 * What the hub said when it refused or failed: each message with its code, in an alert
 * region so a screen reader hears it. A screen shows this instead of going blank.
 */
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/api-error.ts';

export function ErrorNotice({ error, title }: { error: unknown; title?: string }) {
  const { t } = useTranslation();
  const refusals =
    error instanceof ApiError ? error.refusals : [{ code: 'ERROR', message: error instanceof Error ? error.message : String(error) }];
  return (
    <div className="error-notice" role="alert" data-testid="error">
      <strong>{title ?? t('error.title')}</strong>
      <ul>
        {refusals.map((r, i) => (
          <li key={i}>
            <span className="error-message">{r.message}</span> <code className="error-code">{r.code}</code>
            {t(`error.hint.${r.code}`, { defaultValue: '' }) ? <div className="error-hint">{t(`error.hint.${r.code}`, { defaultValue: '' })}</div> : null}
          </li>
        ))}
      </ul>
    </div>
  );
}

export function Loading({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <div className="loading" role="status" aria-live="polite">
      {label ?? t('loading')}
    </div>
  );
}
