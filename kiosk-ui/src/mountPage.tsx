import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { ErrorBoundary } from './components/ErrorBoundary';

/**
 * Mounts one of the visitor's own pages (the status page, the booking page) with what they share: after a crash the
 * page says so and loads again by itself.
 */
export function mountPage(app: ReactNode): void {
  const root = document.getElementById('root');
  if (!root) return;
  createRoot(root).render(
    <StrictMode>
      <ErrorBoundary
        restartAfterMs={30_000}
        fallback={
          <main className="status">
            <h1>Something went wrong</h1>
            <p>This page will load again by itself in a moment.</p>
          </main>
        }
      >
        {app}
      </ErrorBoundary>
    </StrictMode>,
  );
}
