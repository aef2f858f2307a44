// The process boundaries, kept by a test: shared/ is environment-neutral (no Node,
// no DOM-only code paths reaching into other folders, no main/ or renderer/), the
// renderer never imports main/, preload/ or Node, and the preload reaches only
// electron and shared/.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importCycles, mainLayerViolations } from './mainLayers';

const root = path.resolve(__dirname, '../..');
const NODE = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
/** Packages that need Node or Electron and must stay in main/. */
const MAIN_ONLY_PACKAGES = ['electron', 'sqlite3', 'typeorm', 'exceljs'];

function sources(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      if (name === 'node_modules' || name.startsWith('.')) continue;
      const p = path.join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(ts|tsx|mts)$/.test(name) && !name.endsWith('.d.ts')) out.push(p);
    }
  };
  walk(path.join(root, dir));
  return out;
}

function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const found: string[] = [];
  const patterns = [
    /^\s*(?:import|export)\s[^'";]*?from\s*['"]([^'"]+)['"]/gm,
    /^\s*import\s*['"]([^'"]+)['"]/gm,
    /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g,
    /\brequire\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  for (const re of patterns) for (const m of text.matchAll(re)) found.push(m[1]);
  return found;
}

/** Top-level folder a relative import lands in, or null for a package. */
function targetFolder(file: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  return path.relative(root, path.resolve(path.dirname(file), spec)).split(path.sep)[0];
}

function violations(dir: string, allowedFolders: readonly string[], allowPackage: (spec: string) => boolean): string[] {
  const bad: string[] = [];
  for (const file of sources(dir)) {
    for (const spec of imports(file)) {
      const folder = targetFolder(file, spec);
      const ok = folder === null ? allowPackage(spec) : allowedFolders.includes(folder);
      if (!ok) bad.push(`${path.relative(root, file)} imports ${spec}`);
    }
  }
  return bad;
}

const pkgName = (spec: string) => (spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]);

describe('process boundaries', () => {
  it('shared/ imports neither main/, renderer/, preload/, Node nor Electron', () => {
    const bad = violations('shared', ['shared'], (spec) => !NODE.has(spec) && !NODE.has(pkgName(spec)) && !MAIN_ONLY_PACKAGES.includes(pkgName(spec)));
    expect(bad).toEqual([]);
  });

  it('renderer/ imports neither main/, preload/, Node nor Electron', () => {
    const bad = violations('renderer', ['renderer', 'shared'], (spec) => !NODE.has(spec) && !NODE.has(pkgName(spec)) && !MAIN_ONLY_PACKAGES.includes(pkgName(spec)));
    expect(bad).toEqual([]);
  });

  it('preload/ reaches only electron and shared/', () => {
    const bad = violations('preload', ['preload', 'shared'], (spec) => spec === 'electron' || pkgName(spec) === 'zod');
    expect(bad).toEqual([]);
  });

  it('the scanner sees imports (a guard against a test that checks nothing)', () => {
    const preload = imports(path.join(root, 'preload/index.ts'));
    expect(preload).toContain('electron');
    expect(preload.some((s) => s.includes('shared/ipc/contract'))).toBe(true);
    expect(sources('shared').length).toBeGreaterThan(10);
    expect(sources('renderer').length).toBeGreaterThan(5);
  });

  it('main/services reaches neither the assembly (main/app), IPC, a shell, nor the store but through its ports; the store and auth reach no service', () => {
    expect(mainLayerViolations(root)).toEqual([]);
  });

  it('main/ has no import cycle between files, types included (the KabylApp cycle stays gone)', () => {
    expect(importCycles(root, 'main')).toEqual([]);
  });
});
