import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import './styles/display.css';

const displayId = new URLSearchParams(window.location.search).get('id');
const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App displayId={displayId && displayId.trim() !== '' ? displayId.trim() : null} />
    </StrictMode>,
  );
}
