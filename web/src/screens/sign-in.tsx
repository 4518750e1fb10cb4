/**
 * Sign-in by pasting a token (`npx tepat token --role ANALYST`). The hub is asked once with
 * it before it is kept, so a wrong, expired or foreign token is refused here with the hub's
 * reason rather than on the next screen.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import { request } from '../api/client.ts';
import { ErrorNotice } from '../components/error-notice.tsx';
import { TextField } from '../components/fields.tsx';
import { graphql } from '../graphql/graphql.ts';
import { homeFor } from '../routes.ts';
import { readClaims } from '../session/roles.ts';
import { useSession } from '../session/session.tsx';

/** Programmes are open to every role, so this answers for any token the hub accepts. */
const SignInCheck = graphql(`
  query SignInCheck {
    programs {
      code
    }
  }
`);

export function SignIn() {
  const { t } = useTranslation();
  const session = useSession();
  const [, navigate] = useLocation();
  const [token, setToken] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const pasted = token.trim();
    setError(undefined);
    const claims = readClaims(pasted);
    if (!claims) {
      setError(new Error(t('signIn.notAToken')));
      return;
    }
    setBusy(true);
    try {
      await request(SignInCheck, {}, { token: pasted });
      session.signIn(pasted);
      navigate(homeFor(claims.role));
    } catch (refusal) {
      setError(refusal);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="narrow">
      <h1>{t('signIn.title')}</h1>
      <p>{t('signIn.intro')}</p>
      <form onSubmit={submit} className="stack">
        <TextField
          label={t('signIn.token')}
          hint={t('signIn.tokenHint')}
          type="password"
          autoComplete="off"
          spellCheck={false}
          value={token}
          onChange={(e) => setToken(e.target.value)}
          required
          name="token"
        />
        <div>
          <button type="submit" className="primary" disabled={busy}>
            {t('signIn.action')}
          </button>
        </div>
      </form>
      {error ? <ErrorNotice error={error} title={t('signIn.refused')} /> : null}
      <p className="muted">{t('signIn.public')}</p>
    </section>
  );
}
