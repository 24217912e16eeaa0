import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ErrorBoundary } from './components/ErrorBoundary';
import { KioskApp } from './components/KioskApp';
import { OutOfService } from './components/OutOfService';
import { enrolFromAddress } from './hooks/kioskCredential';
import './kiosk.css';
import './busy.css';

enrolFromAddress();

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <ErrorBoundary fallback={<OutOfService lang="en" titleKey="error.title" bodyKey="error.body" />}>
        <KioskApp />
      </ErrorBoundary>
    </StrictMode>,
  );
}
