// The printable decision sheet: A4, in Kyrgyz or Russian chosen on the sheet (not
// the UI's language: the paper goes to the family and the school), on the shared
// print page (renderer/src/ui/print: Electron's print-to-PDF, else window.print()).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CommissionCase } from '../../../../shared/ipc/channels/commission';
import { formatDate, formatDateTime } from '../../i18n/formatting';
import { PrintPage, PrintSheet } from '../../ui/print';
import { useSession } from '../auth/SessionContext';
import { caseReasonText } from './labels';
import { actorName } from '../../i18n/codeLabel';

/** The languages a decision sheet is printed in. */
type SheetLanguage = 'ky' | 'ru';

export function DecisionSheet({ c, onClose }: { c: CommissionCase; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { store } = useSession();
  const [lang, setLang] = useState<SheetLanguage>(i18n.language === 'ru' ? 'ru' : 'ky');
  const s = i18n.getFixedT(lang);
  const languageName = c.language
    ? s(`streamLanguage.${c.language}`, { defaultValue: c.language.toUpperCase() })
    : '';
  return (
    <PrintPage
      toolbarTitle={t('commission.printSheet')}
      fileName={`decision-${c.caseId}.pdf`}
      onClose={onClose}
      controls={
        <label>
          {t('commission.sheetLanguage')}{' '}
          <select
            className="select print-language"
            value={lang}
            onChange={(e) => setLang(e.target.value as SheetLanguage)}
            data-testid="sheet-language"
          >
            <option value="ky">Кыргызча</option>
            <option value="ru">Русский</option>
          </select>
        </label>
      }
    >
      <PrintSheet
        lang={lang}
        district={store?.districtName ?? ''}
        school={c.schoolName}
        title={s('commission.sheet.title')}
        subtitle={s('commission.sheet.caseNo', { id: c.caseId })}
        date={c.decidedAt ?? c.openedAt}
      >
        <table data-testid="decision-sheet">
          <tbody>
            <tr>
              <th>{s('commission.sheet.child')}</th>
              <td data-testid="sheet-child">{c.fullName}</td>
            </tr>
            <tr>
              <th>{s('commission.sheet.pin')}</th>
              <td>{c.pin ?? s('commission.none')}</td>
            </tr>
            <tr>
              <th>{s('commission.sheet.birthDate')}</th>
              <td>
                {c.birthDate
                  ? formatDate(`${c.birthDate}T12:00:00+06:00`, lang)
                  : s('commission.none')}
              </td>
            </tr>
            <tr>
              <th>{s('commission.sheet.reason')}</th>
              <td>{caseReasonText(s, c.reasonKind, c.reason)}</td>
            </tr>
            <tr>
              <th>{s('commission.sheet.opened')}</th>
              <td>{formatDate(c.openedAt, lang)}</td>
            </tr>
            <tr>
              <th>{s('commission.sheet.decision')}</th>
              <td data-testid="sheet-decision">
                {c.status === 'placed'
                  ? s('commission.sheet.placed')
                  : s('commission.sheet.declined')}
              </td>
            </tr>
            {c.status === 'placed' && (
              <tr>
                <th>{s('commission.sheet.stream')}</th>
                <td>
                  {c.schoolName} · {languageName}
                  {c.beyondQuota && <div>{s('commission.sheet.beyondQuota')}</div>}
                </td>
              </tr>
            )}
            {c.justification && (
              <tr>
                <th>{s('commission.sheet.justification')}</th>
                <td>{c.justification}</td>
              </tr>
            )}
            {c.decisionNote && (
              <tr>
                <th>{s('commission.sheet.note')}</th>
                <td>{c.decisionNote}</td>
              </tr>
            )}
            <tr>
              <th>{s('commission.sheet.date')}</th>
              <td>{c.decidedAt ? formatDateTime(c.decidedAt, lang) : ''}</td>
            </tr>
            <tr>
              <th>{s('commission.sheet.member')}</th>
              <td>{c.decidedBy ? actorName(s, c.decidedByName, 'commission') : ''}</td>
            </tr>
          </tbody>
        </table>
        <div className="print-signature">
          <span>{s('commission.sheet.signature')}</span>
          <span>{s('commission.sheet.chair')}</span>
        </div>
      </PrintSheet>
    </PrintPage>
  );
}
