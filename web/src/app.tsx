/**
 * The shell: the header (who is signed in, the auditor's case, the language), the menu of
 * the role, and the screen of the address. Screens load with their group, so a citizen's
 * phone never downloads the analyst's charts nor an operator's queue.
 */
import { lazy, Suspense, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Redirect, Route, Switch, useLocation } from 'wouter';
import { Loading } from './components/error-notice.tsx';
import type { Locale } from './format/format.ts';
import { setLanguage } from './i18n/i18n.ts';
import { homeFor, menuFor, PATHS } from './routes.ts';
import { SignIn } from './screens/sign-in.tsx';
import { useSession } from './session/session.tsx';

const MonthScreen = lazy(() => import('./screens/analyst/month.tsx'));
const TrendScreen = lazy(() => import('./screens/analyst/trend.tsx'));
const RegionsScreen = lazy(() => import('./screens/analyst/regions.tsx'));
const DesksScreen = lazy(() => import('./screens/analyst/desks.tsx'));
const FlaggedScreen = lazy(() => import('./screens/auditor/flagged.tsx'));
const PersonScreen = lazy(() => import('./screens/auditor/person.tsx'));
const CheckScreen = lazy(() => import('./screens/citizen/check.tsx'));
const ApplyScreen = lazy(() => import('./screens/citizen/apply.tsx'));
const ReportScreen = lazy(() => import('./screens/citizen/report.tsx'));
const FollowScreen = lazy(() => import('./screens/citizen/follow.tsx'));
const FiledCasesScreen = lazy(() => import('./screens/facilitator/cases.tsx'));
const QueueScreen = lazy(() => import('./screens/operator/queue.tsx'));
const SearchScreen = lazy(() => import('./screens/operator/search.tsx'));
const QualityScreen = lazy(() => import('./screens/quality/quality.tsx'));
const SimulationScreen = lazy(() => import('./screens/simulation/simulation.tsx'));

export function App() {
  const { t } = useTranslation();
  const session = useSession();
  return (
    <>
      <a className="skip-link" href="#main">
        {t('skip')}
      </a>
      <Header />
      <div className="layout">
        <Menu />
        <main id="main" tabIndex={-1}>
          <Suspense fallback={<Loading />}>
            <Switch>
              <Route path={PATHS.signIn} component={SignIn} />
              <Route path={PATHS.month} component={MonthScreen} />
              <Route path={PATHS.trend} component={TrendScreen} />
              <Route path={PATHS.regions} component={RegionsScreen} />
              <Route path={PATHS.desks} component={DesksScreen} />
              <Route path={PATHS.flagged} component={FlaggedScreen} />
              <Route path={`${PATHS.person}/:nik?`} component={PersonScreen} />
              <Route path={PATHS.check} component={CheckScreen} />
              <Route path={PATHS.apply} component={ApplyScreen} />
              <Route path={PATHS.report} component={ReportScreen} />
              <Route path={PATHS.follow} component={FollowScreen} />
              <Route path={PATHS.filed} component={FiledCasesScreen} />
              <Route path={PATHS.queue} component={QueueScreen} />
              <Route path={PATHS.search} component={SearchScreen} />
              <Route path={PATHS.quality} component={QualityScreen} />
              <Route path={PATHS.simulation} component={SimulationScreen} />
              <Route path={PATHS.home}>
                <Redirect to={homeFor(session.role)} replace />
              </Route>
              <Route>
                <NotFound />
              </Route>
            </Switch>
          </Suspense>
        </main>
      </div>
    </>
  );
}

function Header() {
  const { t, i18n } = useTranslation();
  const session = useSession();
  const [, navigate] = useLocation();
  const other: Locale = i18n.language === 'en' ? 'id' : 'en';
  return (
    <header className="top">
      <Link href="/" className="brand">
        Tepat
      </Link>
      <span className="role" data-testid="role">
        {t(`role.${session.role}`)}
        {session.claims?.region ? ` · ${session.claims.region}` : ''}
      </span>
      {session.role === 'AUDITOR' && session.purpose ? (
        <span className="case" data-testid="case">
          {t('case.current', { purpose: session.purpose })}{' '}
          <button type="button" className="link" onClick={() => session.setPurpose(undefined)}>
            {t('case.change')}
          </button>
        </span>
      ) : null}
      <span className="top-actions">
        <button type="button" className="link" lang={other} onClick={() => void setLanguage(other)}>
          {t('language.switch')}
        </button>
        {session.token ? (
          <button
            type="button"
            onClick={() => {
              session.signOut();
              navigate('/');
            }}
          >
            {t('signOut')}
          </button>
        ) : (
          <Link href={PATHS.signIn} className="button">
            {t('signIn.action')}
          </Link>
        )}
      </span>
    </header>
  );
}

function Menu() {
  const { t } = useTranslation();
  const { role } = useSession();
  const [location] = useLocation();
  const entries = menuFor(role);
  if (entries.length === 0) return null;
  return (
    <nav className="menu" aria-label={t('menu.label')}>
      <ul>
        {entries.map((entry) => {
          const current = location === entry.path || (entry.path !== '/analyst' && location.startsWith(`${entry.path}/`));
          return (
            <li key={entry.path}>
              <Link href={entry.path} aria-current={current ? 'page' : undefined} className={current ? 'current' : undefined}>
                {t(`menu.${entry.key}`)}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

function NotFound(): ReactNode {
  const { t } = useTranslation();
  return (
    <section>
      <h1>{t('notFound.title')}</h1>
      <p>
        <Link href="/">{t('notFound.home')}</Link>
      </p>
    </section>
  );
}
