// The process and layer boundaries are ESLint's `boundaries/dependencies` rule
// (eslint.config.mjs), run over the tree by `npm run lint`. This test proves that the
// configuration catches every kind of breach, so a config that silently checks nothing
// fails here: each case lints a made-up file at a real path through the real config.
// It also keeps main/ free of import cycles, which ESLint does not check.
import path from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';
import { importCycles } from './mainLayers';

const root = path.resolve(__dirname, '../..');
const RULE = 'boundaries/dependencies';

let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: root });
});

/** The import lines of `code`, linted as if it were `file`, that break a boundary. */
async function breaches(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  const lines = code.split('\n');
  return result.messages.filter((m) => m.ruleId === RULE).map((m) => lines[m.line - 1]);
}

/** `import` lines, each bound to a name that is re-exported so no other rule complains. */
function importing(...specs: string[]): string {
  const lines = specs.map((s, i) => `import * as m${i} from '${s}';`);
  return [...lines, `export { ${specs.map((_, i) => `m${i}`).join(', ')} };`, ''].join('\n');
}

describe('process boundaries (ESLint)', () => {
  it('shared/ imports only shared/ and zod', async () => {
    const code = importing(
      '../engine/model',
      'zod',
      'node:fs',
      'path',
      'fastify',
      'electron',
      '../../main/store/index',
      '../../renderer/src/data/queryRunner',
    );
    expect(await breaches('shared/log/zz.ts', code)).toEqual(code.split('\n').slice(2, 8));
  });

  it('shared/ reaches nothing outside through re-exports, dynamic imports or require', async () => {
    const code = [
      "export * from '../../main/store/index';",
      "export const later = () => import('../../server/server');",
      "export const fs = require('node:fs');",
      '',
    ].join('\n');
    expect(await breaches('shared/log/zz.ts', code)).toHaveLength(3);
  });

  it('renderer/ imports neither main/, preload/, Node nor the main-only packages', async () => {
    const code = importing(
      '../data/queryRunner',
      '../../../shared/ipc/contract',
      'react',
      'node:path',
      'sqlite3',
      '../../../main/store/index',
      '../../../preload/index',
    );
    expect(await breaches('renderer/src/ui/zz.tsx', code)).toEqual(code.split('\n').slice(3, 7));
  });

  it('preload/ reaches only electron and shared/', async () => {
    const code = importing('electron', '../shared/ipc/contract', 'fs', '../main/store/index');
    expect(await breaches('preload/zz.ts', code)).toEqual(code.split('\n').slice(2, 4));
  });

  it('server/ never reaches main/ or renderer/', async () => {
    const code = importing(
      '../shared/ipc/contract',
      'fastify',
      '../main/store/index',
      '../renderer/src/data/queryRunner',
    );
    expect(await breaches('server/zz.ts', code)).toEqual(code.split('\n').slice(2, 4));
  });

  it('main/services reaches neither IPC, the assembly, nor the store but via ports', async () => {
    const code = importing('./context', '../ipc/dispatch', '../app/kabylApp', '../store/index');
    expect(await breaches('main/services/zz.ts', code)).toEqual(code.split('\n').slice(1, 4));
    expect(await breaches('main/services/storePort.ts', importing('../store/index'))).toEqual([]);
  });

  it('the store and auth reach no service', async () => {
    const code = importing('../services/context', '../auth/password');
    expect(await breaches('main/store/zz.ts', code)).toHaveLength(2);
    expect(await breaches('main/auth/zz.ts', importing('../services/context'))).toHaveLength(1);
  });
});

describe('main/ layering', () => {
  // Types included: the KabylApp cycle stays gone.
  it('main/ has no import cycle between files', () => {
    expect(importCycles(root, 'main')).toEqual([]);
  });
});
