// A cycle finder over main/'s file import graph, for tests/ipc/boundaries.test.ts
// (type-only imports count: a type cycle couples the files as much as a value cycle).
// Which layer may import which is ESLint's job (eslint.config.mjs).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) out.push(...walk(p));
    else if (/\.(ts|tsx|mts)$/.test(name) && !name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

const IMPORT = new RegExp(
  [
    /^\s*(?:import|export)\s[^'";]*?from\s*['"]([^'"]+)['"]/.source,
    /\bimport\(\s*['"]([^'"]+)['"]\s*\)/.source,
  ].join('|'),
  'gm',
);

/** The relative imports of a file, resolved to the files they name. */
function localImports(file: string): string[] {
  const out: string[] = [];
  for (const m of readFileSync(file, 'utf8').matchAll(IMPORT)) {
    const spec = m[1] ?? m[2];
    if (!spec.startsWith('.')) continue;
    const base = path.resolve(path.dirname(file), spec);
    const hit = [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')].find(
      (c) => existsSync(c) && statSync(c).isFile(),
    );
    if (hit) out.push(hit);
  }
  return out;
}

/** Every cycle found by a depth-first walk, each as the files around it (empty when acyclic). */
export function importCycles(root: string, dir: string): string[] {
  const files = walk(path.join(root, dir));
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const cycles: string[] = [];
  const visit = (file: string) => {
    state.set(file, 'open');
    stack.push(file);
    for (const next of localImports(file)) {
      if (!next.startsWith(path.join(root, dir) + path.sep)) continue;
      const s = state.get(next);
      if (s === 'open') {
        const loop = stack.slice(stack.indexOf(next)).concat(next);
        cycles.push(loop.map((f) => path.relative(root, f)).join(' -> '));
      } else if (s === undefined) visit(next);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const f of files) if (!state.has(f)) visit(f);
  return cycles;
}
