// The portal speaks ky, ru and en alike: the same keys in each catalogue (plural forms
// per language), no empty string, and every key the sources name exists.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import ky from '../../portal/src/i18n/locales/ky.json';
import ru from '../../portal/src/i18n/locales/ru.json';
import en from '../../portal/src/i18n/locales/en.json';

type Tree = { [k: string]: string | Tree };
const PLURAL = /_(zero|one|two|few|many|other)$/;

function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of leaves(v, key)) out.set(kk, vv);
  }
  return out;
}

/** Keys as the code names them: `waiting.retryIn_one` and `_other` are `waiting.retryIn`. */
const base = (keys: Iterable<string>) => new Set([...keys].map((k) => k.replace(PLURAL, '')));

const catalogues = { ky, ru, en } as Record<string, Tree>;
const flat = Object.fromEntries(Object.entries(catalogues).map(([l, c]) => [l, leaves(c)]));

describe('portal catalogues', () => {
  it('have the same keys in ky, ru and en', () => {
    const [k, r, e] = ['ky', 'ru', 'en'].map((l) => [...base(flat[l].keys())].sort());
    expect(k).toEqual(e);
    expect(r).toEqual(e);
  });

  it('have every plural form each language needs', () => {
    const forms: Record<string, string[]> = {
      ky: ['one', 'other'],
      en: ['one', 'other'],
      ru: ['one', 'few', 'many', 'other'],
    };
    for (const [lang, map] of Object.entries(flat)) {
      const plurals = new Set(
        [...map.keys()].filter((k) => PLURAL.test(k)).map((k) => k.replace(PLURAL, '')),
      );
      for (const key of plurals) {
        for (const form of forms[lang])
          expect(map.has(`${key}_${form}`), `${lang} ${key}_${form}`).toBe(true);
      }
    }
  });

  it('have no empty text', () => {
    for (const [lang, map] of Object.entries(flat)) {
      for (const [key, text] of map) expect(text.trim(), `${lang} ${key}`).not.toBe('');
    }
  });

  it('hold every literal key the portal sources use', () => {
    const dir = path.resolve(__dirname, '../../portal/src');
    const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) =>
      /\.tsx?$/.test(f),
    );
    // Keys of the shared label catalogue (status.*, reason.*, ...) come from shared/labels.
    const shared = /^(status|reason|document|streamLanguage|privilegeCategory|privilegeState)\./;
    const known = base(flat.en.keys());
    const used = new Set<string>();
    for (const f of files) {
      const text = readFileSync(path.join(dir, f), 'utf8');
      for (const m of text.matchAll(/\bt\(\s*'([A-Za-z0-9_.]+)'/g)) used.add(m[1]);
    }
    expect(used.size).toBeGreaterThan(50);
    const missing = [...used].filter((k) => !shared.test(k) && !known.has(k));
    expect(missing).toEqual([]);
  });
});
