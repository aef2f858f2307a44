// Issue 13, item 8: "№" must not break away from its number at a line end (the Kyrgyz
// order's title did). Every UI string joins "№" to what follows with a no-break space.
import { expect, it } from 'vitest';
import { catalog } from '../../renderer/src/i18n/catalog';

function strings(node: unknown, path: string, out: [string, string][]): [string, string][] {
  if (typeof node === 'string') out.push([path, node]);
  else if (node && typeof node === 'object')
    for (const [k, v] of Object.entries(node)) strings(v, path ? `${path}.${k}` : k, out);
  return out;
}

it('no UI string in any language puts a breakable space after "№"', () => {
  for (const [lang, tree] of Object.entries(catalog)) {
    const loose = strings(tree, '', [])
      .filter(([, s]) => /№[ \t]/.test(s))
      .map(([p]) => `${lang} ${p}`);
    expect(loose).toEqual([]);
  }
});
