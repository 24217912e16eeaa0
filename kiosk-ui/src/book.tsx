import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ErrorBoundary } from './components/ErrorBoundary';
import { BookApp } from './book/BookApp';
import './status/status.css';
import './book/book.css';

const root = document.getElementById('root');
if (root) {
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
        <BookApp />
      </ErrorBoundary>
    </StrictMode>,
  );
}
