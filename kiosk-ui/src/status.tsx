import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

function Status() {
  return (
    <main>
      <h1>Your ticket</h1>
    </main>
  );
}

const root = document.getElementById('root');
if (root) createRoot(root).render(<StrictMode><Status /></StrictMode>);
