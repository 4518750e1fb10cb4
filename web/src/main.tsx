/** The app's entry: Indonesian first, the session of this tab, the hub's answers cached, the routes under /app/. */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Router } from 'wouter';
import { App } from './app.tsx';
import { startI18n } from './i18n/i18n.ts';
import { prefetchFirstScreen } from './prefetch.ts';
import { SessionProvider, storedCredentials } from './session/session.tsx';
import './styles.css';

const queryClient = new QueryClient({ defaultOptions: { queries: { refetchOnWindowFocus: false } } });
prefetchFirstScreen(queryClient, window.location, storedCredentials());

await startI18n();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <SessionProvider>
        <Router base={import.meta.env.BASE_URL.replace(/\/$/, '')}>
          <App />
        </Router>
      </SessionProvider>
    </QueryClientProvider>
  </StrictMode>,
);
