// Helpers for the translation tests: flatten a locale to dotted keys, fold i18next's
// plural suffixes into their base key, and find the t('...') keys the renderer uses.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

export type Tree = { [key: string]: string | Tree };

const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

export function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const full = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(full, value);
    else for (const [k, v] of flatten(value, full)) out.set(k, v);
  }
  return out;
}

/** The keys as code asks for them: `inDays_one`/`inDays_other` are both `inDays`. */
export function baseKeys(flat: Map<string, string>): Set<string> {
  return new Set([...flat.keys()].map((k) => k.replace(PLURAL_SUFFIX, '')));
}

/** Plural forms a key must carry in a language, by that language's CLDR rules. */
export function requiredPluralForms(language: string): string[] {
  return new Intl.PluralRules(language).resolvedOptions().pluralCategories;
}

export function pluralBases(flat: Map<string, string>): Set<string> {
  return new Set(
    [...flat.keys()].filter((k) => PLURAL_SUFFIX.test(k)).map((k) => k.replace(PLURAL_SUFFIX, '')),
  );
}

export function hasKey(flat: Map<string, string>, key: string): boolean {
  return flat.has(key) || flat.has(`${key}_other`);
}

/** Keys in `a` missing from `b`, and the other way round. */
export function keyDifference(
  a: Set<string>,
  b: Set<string>,
): { missing: string[]; extra: string[] } {
  return {
    missing: [...a].filter((k) => !b.has(k)).sort(),
    extra: [...b].filter((k) => !a.has(k)).sort(),
  };
}

export function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{\s*([\w.]+)[^}]*\}\}/g)].map((m) => m[1]!).sort();
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx)$/.test(name) ? [full] : [];
  });
}

/** Every literal key passed to t(...) in the renderer's sources, with where it was used. */
export function usedKeys(rendererSrc: string): { key: string; file: string }[] {
  const found: { key: string; file: string }[] = [];
  for (const file of sourceFiles(rendererSrc)) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/\bt\(\s*(['"])([^'"`]+)\1/g)) found.push({ key: m[2]!, file });
  }
  return found;
}

/** Prefixes of keys built at run time, t(`status.${value}`): each family must be covered by a value list. */
export function dynamicPrefixes(rendererSrc: string): { prefix: string; file: string }[] {
  const found: { prefix: string; file: string }[] = [];
  for (const file of sourceFiles(rendererSrc)) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/\bt\(\s*`([^`$]*)\$\{/g)) found.push({ prefix: m[1]!, file });
  }
  return found;
}
