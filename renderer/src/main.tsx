import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { z } from 'zod';
import { initI18n } from './i18n';
import { App } from './app/App';
import './styles/app.css';

// zod probes `new Function` for its fast path; under our CSP that probe is a
// violation report on every start, and the renderer gains nothing from it.
z.config({ jitless: true });

void initI18n().then(() => {
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
});
