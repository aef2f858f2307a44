// The audit screen's strings (and the event types' names, which the registry's
// timeline uses too), registered once in renderer/src/i18n/featureLocales.ts.
import type { FeatureLocales } from '../../../i18n/featureLocales';
import en from './en.json';
import ky from './ky.json';
import ru from './ru.json';

export const auditLocales: FeatureLocales = { ky, ru, en };
