// The bundled translations: no HTTP backend, since the CSP and offline use both rule
// out fetching them.
import ky from './locales/ky.json';
import ru from './locales/ru.json';
import en from './locales/en.json';

export const resources = {
  ky: { translation: ky },
  ru: { translation: ru },
  en: { translation: en },
} as const;
