/**
 * Asks before a change the hub will record for good (an operator's move, a curation): a
 * modal dialog (the browser's own <dialog>, so focus stays inside and Escape cancels) with
 * what will happen, the fields the change takes, and the hub's refusal when it refused, so
 * the operator can correct and send again. It closes only when the caller says it is done.
 */
import { useEffect, useId, useRef, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from './error-notice.tsx';

export interface ConfirmDialogProps {
  title: string;
  /** What will happen, in a sentence. */
  description?: ReactNode;
  /** The fields the change takes (a reason, a note). */
  children?: ReactNode;
  confirmLabel: string;
  /** A change that takes something away (deactivating, dismissing) shows its button in red. */
  destructive?: boolean;
  busy?: boolean;
  error?: unknown;
  onConfirm(): void;
  onCancel(): void;
}

export function ConfirmDialog({ title, description, children, confirmLabel, destructive, busy, error, onConfirm, onCancel }: ConfirmDialogProps) {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    return () => element?.close();
  }, []);
  function submit(event: FormEvent) {
    event.preventDefault();
    if (!busy) onConfirm();
  }
  return (
    <dialog
      ref={dialog}
      className="confirm"
      aria-labelledby={titleId}
      data-testid="confirm-dialog"
      onCancel={(e) => {
        e.preventDefault();
        if (!busy) onCancel();
      }}
    >
      <form className="stack" onSubmit={submit}>
        <h2 id={titleId}>{title}</h2>
        {description ? <div>{description}</div> : null}
        {children}
        {error ? <ErrorNotice error={error} /> : null}
        <div className="dialog-actions">
          <button type="button" onClick={onCancel} disabled={busy}>
            {t('confirm.cancel')}
          </button>
          <button type="submit" className={destructive ? 'danger' : 'primary'} disabled={busy}>
            {busy ? t('confirm.sending') : confirmLabel}
          </button>
        </div>
      </form>
    </dialog>
  );
}
