/**
 * Who is filling a citizen's form: the citizen (no token), or an officer on a person's behalf
 * (a facilitator or a regional app for people of its region, an operator at its desk). The
 * hub records both the officer and the person; the forms say so, and offer only what the
 * role may file (FILINGS_OF in routes.ts).
 */
import '../../i18n/ns/citizen.ts';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../session/session.tsx';

export { FILINGS_OF, type Filing } from '../../routes.ts';

/** Whether the signed-in caller files for someone else. */
export function useOnBehalf(): { onBehalf: boolean; region?: string } {
  const { role, claims } = useSession();
  return { onBehalf: role !== 'PUBLIC', region: claims?.region };
}

/** "You are filing on behalf of a resident of 51.01: the hub records you and them." */
export function OnBehalfNotice() {
  const { t } = useTranslation('citizen');
  const { onBehalf, region } = useOnBehalf();
  if (!onBehalf) return null;
  return (
    <p className="notice" data-testid="on-behalf">
      {t('onBehalf', { region: region ?? '–' })}
    </p>
  );
}
