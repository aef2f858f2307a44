// Every translation of the UI: the label catalogue of engine codes (shared/labels,
// which the reports use too), the shell's own locale files and each feature's,
// merged by top-level key. One source for the app, the i18n tests
// and the end-to-end specs, so all three see the same strings.
import ky from './locales/ky.json';
import ru from './locales/ru.json';
import en from './locales/en.json';
import { featureLocales, type FeatureLocales } from './featureLocales';
import { labelResources, type LabelDomain } from '../../../shared/labels';

export type Tree = { [key: string]: string | Tree };
type Catalog = { ky: Tree; ru: Tree; en: Tree };

/** Features own whole top-level keys (their own namespace); two owners of one key is a bug. */
export function mergeLocales(core: Catalog, features: readonly FeatureLocales[]): Catalog {
  const out: Catalog = { ky: { ...core.ky }, ru: { ...core.ru }, en: { ...core.en } };
  for (const f of features) {
    for (const lang of ['ky', 'ru', 'en'] as const) {
      for (const [key, value] of Object.entries(f[lang])) {
        if (key in out[lang]) throw new Error(`locale key "${key}" (${lang}) is defined twice`);
        out[lang][key] = value as Tree;
      }
    }
  }
  return out;
}

/** The code labels take their place among the features: one owner per top-level key. */
const labelLocales: FeatureLocales = {
  ky: labelResources('ky'),
  ru: labelResources('ru'),
  en: labelResources('en'),
};

/** Event types are dotted (`order.issued`), so their labels are nested one level. */
type Labels = {
  [D in LabelDomain]: D extends 'eventType'
    ? Record<string, Record<string, string>>
    : Record<string, string>;
};
type Core = typeof ky & Labels;
/** Typed by the shell's strings and the label domains (the specs read them); feature strings are reached by key. */
const core = { ky: ky as Tree, ru: ru as Tree, en: en as Tree };
export const catalog = mergeLocales(core, [labelLocales, ...featureLocales]) as unknown as {
  ky: Core & Record<string, Tree>;
  ru: Core & Record<string, Tree>;
  en: Core & Record<string, Tree>;
};
