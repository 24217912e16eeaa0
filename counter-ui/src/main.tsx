import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { LANGUAGES } from '@vuoro/server/protocol';

function App() {
  return (
    <main>
      <h1>Vuoro counter</h1>
      <p>This screen is being prepared. Languages: {LANGUAGES.join(', ')}.</p>
    </main>
  );
}

const root = document.getElementById('root');
if (root) createRoot(root).render(<StrictMode><App /></StrictMode>);
