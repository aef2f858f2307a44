// The layers inside main/, as tests/ipc/boundaries.test.ts checks them: which folder
// may import which, and a cycle finder over the file import graph (type-only imports
// count: a type cycle couples the files as much as a value cycle).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/** Files of main/services that may name main/store: the ports, which type what services may use of it. */
const STORE_PORTS = ['services/storePort.ts', 'services/storeReads.ts'];

/** main/<folder> -> the main/ folders it must not import. */
const FORBIDDEN: Record<string, readonly string[]> = {
  services: ['app', 'ipc', 'harness', 'electron', 'cli', 'demo'],
  store: ['app', 'ipc', 'harness', 'electron', 'services', 'auth', 'demo'],
  auth: ['app', 'ipc', 'harness', 'electron', 'services', 'store', 'demo'],
  excel: ['app', 'ipc', 'harness', 'electron', 'services', 'demo'],
  ipc: ['app', 'harness', 'electron'],
};

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) out.push(...walk(p));
    else if (/\.(ts|tsx|mts)$/.test(name) && !name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

const IMPORT = /^\s*(?:import|export)\s[^'";]*?from\s*['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/gm;

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

export function mainLayerViolations(root: string): string[] {
  const main = path.join(root, 'main');
  const bad: string[] = [];
  for (const file of walk(main)) {
    const from = path.relative(main, file).split(path.sep)[0];
    const forbidden = FORBIDDEN[from] ?? [];
    for (const target of localImports(file)) {
      const rel = path.relative(main, target);
      if (rel.startsWith('..')) continue;
      const to = rel.split(path.sep)[0];
      const throughPort = STORE_PORTS.includes(path.relative(main, file).split(path.sep).join('/'));
      if (forbidden.includes(to) || (from === 'services' && to === 'store' && !throughPort)) {
        bad.push(`${path.relative(root, file)} imports main/${rel}`);
      }
    }
  }
  return bad;
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
