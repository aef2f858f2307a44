import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { z } from 'zod';
import { initI18n } from './i18n';
import { App } from './app/App';
import './styles.css';

// As in the desktop: zod's `new Function` probe would be a CSP violation on every start.
z.config({ jitless: true });

void initI18n().then(() => {
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
});
