// The sync feature's strings, registered once in renderer/src/i18n/featureLocales.ts.
import type { FeatureLocales } from '../../../i18n/featureLocales';
import en from './en.json';
import ky from './ky.json';
import ru from './ru.json';

export const syncLocales: FeatureLocales = { ky, ru, en };
