// axe on the page as it stands: no serious or critical violation (issue 10).
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, test } from '@playwright/test';

/**
 * Every page is checked in every language at the phone's size; at the laptop's size in
 * English only. A run of axe takes seconds on the shared 2-core machine, and the wide
 * layout differs from the narrow one in widths, not in structure, names or colours.
 */
function wanted(): boolean {
  const info = test.info();
  return (
    info.project.name !== 'laptop' ||
    info.title.includes('(en)') ||
    !/\((ky|ru|en)\)/.test(info.title)
  );
}

export async function expectAccessible(page: Page, where: string): Promise<void> {
  if (!wanted()) return;
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  const bad = result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    );
  expect(bad, `axe on ${where}`).toEqual([]);
}
