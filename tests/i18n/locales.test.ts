// Every string in every language: a missing or extra key, a plural form a language
// needs, a placeholder one translation forgot, or a key the code uses that no locale
// has, fails here rather than showing a raw key to a district officer.
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { catalog } from '../../renderer/src/i18n/catalog';
import { LANGUAGES } from '../../renderer/src/i18n/languages';
import { VALUE_FAMILIES } from '../../renderer/src/i18n/domainValues';
import { NAV_IDS } from '../../renderer/src/features/shell/navigation';
import { REASONS } from '../../shared/engine/reasons';
import {
  baseKeys,
  dynamicPrefixes,
  flatten,
  hasKey,
  keyDifference,
  placeholders,
  pluralBases,
  requiredPluralForms,
  usedKeys,
  type Tree,
} from './localeKeys';

const locales = {
  ky: flatten(catalog.ky as Tree),
  ru: flatten(catalog.ru as Tree),
  en: flatten(catalog.en as Tree),
};
const rendererSrc = path.resolve(__dirname, '../../renderer/src');

describe('locales', () => {
  it('covers exactly the UI languages', () => {
    expect(Object.keys(locales).sort()).toEqual([...LANGUAGES].sort());
  });

  it.each(['ru', 'en'] as const)('%s has the same keys as ky', (language) => {
    expect(keyDifference(baseKeys(locales.ky), baseKeys(locales[language]))).toEqual({
      missing: [],
      extra: [],
    });
  });

  it('the key comparison reports a deleted key (the check itself works)', () => {
    const damaged = new Map(locales.en);
    damaged.delete('reason.no_free_seats');
    expect(keyDifference(baseKeys(locales.ky), baseKeys(damaged)).missing).toEqual([
      'reason.no_free_seats',
    ]);
  });

  it.each(LANGUAGES)('%s has no empty string', (language) => {
    const empty = [...locales[language]].filter(([, v]) => v.trim() === '').map(([k]) => k);
    expect(empty).toEqual([]);
  });

  it.each(LANGUAGES)('%s has every plural form its grammar needs', (language) => {
    const flat = locales[language];
    const missing: string[] = [];
    for (const base of [
      ...pluralBases(locales.ky),
      ...pluralBases(locales.ru),
      ...pluralBases(locales.en),
    ]) {
      for (const form of requiredPluralForms(language)) {
        if (!flat.has(`${base}_${form}`)) missing.push(`${base}_${form}`);
      }
    }
    expect([...new Set(missing)]).toEqual([]);
  });

  it('the same placeholders in every language', () => {
    const mismatched: string[] = [];
    for (const key of baseKeys(locales.en)) {
      const variants = LANGUAGES.map((l) => {
        const flat = locales[l];
        const text = flat.get(key) ?? flat.get(`${key}_other`) ?? '';
        return placeholders(text).join(',');
      });
      if (new Set(variants).size > 1) mismatched.push(`${key}: ${variants.join(' | ')}`);
    }
    expect(mismatched).toEqual([]);
  });

  it('Kyrgyz and Russian are written in Cyrillic', () => {
    // A key left in English in ky or ru reads as untranslated; brand and code-like
    // strings are the only Latin allowed.
    const latinOnly = /^[^А-Яа-яЁёӨөҮүҢң]*$/;
    const allowed = new Set(['app.name', 'dashboard.none']);
    for (const language of ['ky', 'ru'] as const) {
      const untranslated = [...locales[language]]
        .filter(([k, v]) => !allowed.has(k) && latinOnly.test(v.replace(/\{\{[^}]*\}\}/g, '')))
        .map(([k]) => k);
      expect(untranslated, language).toEqual([]);
    }
  });
});

describe('keys the renderer uses', () => {
  const used = usedKeys(rendererSrc);

  it('finds the t() calls (the scan itself works)', () => {
    expect(used.length).toBeGreaterThan(50);
    expect(used.map((u) => u.key)).toContain('auth.signIn');
  });

  it.each(LANGUAGES)('every t("...") key exists in %s', (language) => {
    const missing = used
      .filter((u) => !hasKey(locales[language], u.key))
      .map((u) => `${u.key} (${path.relative(rendererSrc, u.file)})`);
    expect(missing).toEqual([]);
  });

  it('every key built at run time belongs to a family whose values are all translated', () => {
    const covered = new Set([...Object.keys(VALUE_FAMILIES), 'nav'].map((f) => `${f}.`));
    // codeLabel builds `${domain}.${code}` with a domain typed as a catalogue domain;
    // tests/labels checks each of those, so its empty prefix is covered.
    const generic = path.join(rendererSrc, 'i18n/codeLabel.ts');
    const unknown = dynamicPrefixes(rendererSrc).filter(
      (d) => !covered.has(d.prefix) && d.file !== generic,
    );
    expect(unknown.map((d) => `${d.prefix} (${path.relative(rendererSrc, d.file)})`)).toEqual([]);
  });

  it.each(LANGUAGES)('every value of every family has a sentence in %s', (language) => {
    const missing: string[] = [];
    for (const [family, values] of Object.entries(VALUE_FAMILIES)) {
      for (const value of values)
        if (!hasKey(locales[language], `${family}.${value}`)) missing.push(`${family}.${value}`);
    }
    for (const id of NAV_IDS)
      if (!hasKey(locales[language], `nav.${id}`)) missing.push(`nav.${id}`);
    expect(missing).toEqual([]);
  });
});

describe('engine refusals', () => {
  it.each(LANGUAGES)('every reason code reads as a sentence in %s', (language) => {
    for (const reason of REASONS) {
      const text = locales[language].get(`reason.${reason}`);
      expect(text, `reason.${reason}`).toBeTruthy();
      expect(text).not.toContain(reason);
      expect(text).toMatch(/[.!]$/);
    }
  });

  it('the three languages say different things (nothing copied untranslated)', () => {
    for (const reason of REASONS) {
      const texts = LANGUAGES.map((l) => locales[l].get(`reason.${reason}`));
      expect(new Set(texts).size, reason).toBe(3);
    }
  });
});
