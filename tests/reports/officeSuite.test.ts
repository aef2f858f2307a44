// Issue 13, item 7: the xlsx reports as an officer sees them printed from a real office
// suite. Each workbook is converted to PDF by LibreOffice Calc headless (Debian's
// libreoffice-calc-nogui, installed by .ci/run) and read back with pdftotext: no `###`
// where a date did not fit, every title-block label whole, the header row and a page
// number on every page, and DEMO on every page of a workbook made from the demo.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Engine } from '../../shared/engine/engine';
import { generateLog } from '../../shared/generator/campaign';
import { TITLE_BLOCK, type Lang, type ReportName } from '../../shared/reports/labels';
import { buildReport } from '../../shared/reports/reports';
import { headerOf } from '../../shared/reports/table';
import { writeReportXlsx } from '../../main/excel/writeReport';

const SOFFICE = '/usr/bin/soffice';
const PDFTOTEXT = '/usr/bin/pdftotext';
const dir = mkdtempSync(path.join(tmpdir(), 'kabyl-office-'));
// A profile of its own: two conversions on one machine must not share LibreOffice's lock.
const profile = `file://${path.join(dir, 'profile')}`;

// One district, enough children for the applications report to run over several pages.
const engine = new Engine();
for (const event of generateLog({
  seed: 13,
  districtNames: ['OKT'],
  schoolsPerDistrict: 25,
  children: 400,
}))
  engine.ingest(event);

/** The PDF LibreOffice prints from the workbook, as text, one string per page. */
async function printedPages(name: ReportName, lang: Lang, demo: boolean): Promise<string[]> {
  const xlsx = path.join(dir, `${name}-${lang}${demo ? '-demo' : ''}.xlsx`);
  await writeReportXlsx(buildReport(name, engine), xlsx, {
    lang,
    generatedAt: Date.parse('2026-07-10T06:00:00Z'),
    demo,
  });
  execFileSync(
    SOFFICE,
    [
      `-env:UserInstallation=${profile}`,
      '--headless',
      '--convert-to',
      'pdf',
      '--outdir',
      dir,
      xlsx,
    ],
    {
      stdio: 'pipe',
      timeout: 120_000,
    },
  );
  const pdf = xlsx.replace(/\.xlsx$/, '.pdf');
  execFileSync(PDFTOTEXT, ['-layout', pdf, `${pdf}.txt`], { stdio: 'pipe' });
  return readFileSync(`${pdf}.txt`, 'utf8')
    .split('\f')
    .filter((p) => p.trim() !== '');
}

const PAGE = { ky: 'Барак', ru: 'Стр.', en: 'Page' } as const;

describe.runIf(existsSync(SOFFICE) && existsSync(PDFTOTEXT))(
  'xlsx reports printed by LibreOffice Calc',
  () => {
    const cases: [ReportName, Lang, boolean][] = [
      ['streams', 'ru', false],
      ['streams', 'ky', false],
      ['applications', 'ru', true],
    ];
    it.each(cases)(
      '%s (%s, demo %s): no ###, whole labels, header and page number on every page',
      async (name, lang, demo) => {
        const pages = await printedPages(name, lang, demo);
        const text = pages.join('\n');
        expect(text).not.toContain('###');
        for (const label of [
          TITLE_BLOCK.districts,
          TITLE_BLOCK.generated,
          TITLE_BLOCK.asOf,
          TITLE_BLOCK.rows,
        ]) {
          expect(text, label[lang]).toContain(label[lang]);
        }
        // the two date-times of the title block, in full (dd.mm.yyyy hh:mm:ss)
        expect(
          pages[0].match(/\d\d\.\d\d\.\d{4} \d\d:\d\d:\d\d/g)?.length ?? 0,
        ).toBeGreaterThanOrEqual(2);
        const firstHeader = headerOf(buildReport(name, engine).columns[0], lang);
        if (name === 'applications')
          expect(pages.length, 'the applications report runs over several pages').toBeGreaterThan(
            2,
          );
        pages.forEach((page, i) => {
          expect(page, `page ${i + 1}: the header row`).toContain(firstHeader);
          expect(page, `page ${i + 1}: its number`).toContain(
            `${PAGE[lang]} ${i + 1} / ${pages.length}`,
          );
          if (demo) expect(page, `page ${i + 1}: DEMO`).toContain('DEMO');
        });
      },
      240_000,
    );
  },
);

it('LibreOffice and pdftotext are installed (.ci/run installs them)', () => {
  expect(existsSync(SOFFICE) && existsSync(PDFTOTEXT)).toBe(true);
});
