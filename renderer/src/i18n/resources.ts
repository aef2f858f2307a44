// The bundled translations: no HTTP backend, since the CSP and offline use both rule
// out fetching them.
import { catalog } from './catalog';

export const resources = {
  ky: { translation: catalog.ky },
  ru: { translation: catalog.ru },
  en: { translation: catalog.en },
} as const;
