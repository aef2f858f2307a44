// The printed admission order (R13): A4, in Kyrgyz or Russian whatever the UI's
// language, with the order's children numbered. Shared by the director's documents
// screen and the officer's orders screen.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Res } from '../../bridge';
import { PrintPage, PrintSheet } from '../../ui/print';
import { useSession } from '../auth/SessionContext';

export type AdmissionOrder = Res<'school.orders'>['orders'][number];
export const ORDER_LANGUAGES = ['ky', 'ru'] as const;
export type OrderLanguage = (typeof ORDER_LANGUAGES)[number];

export function OrderSheet({ order, lang }: { order: AdmissionOrder; lang: OrderLanguage }) {
  const { i18n } = useTranslation();
  const { store } = useSession();
  const tt = i18n.getFixedT(lang);
  return (
    <PrintSheet
      lang={lang}
      district={store?.districtName ?? ''}
      school={order.schoolName}
      title={tt('documents.print.title', { number: order.orderNumber })}
      subtitle={tt('documents.print.subtitle')}
      date={order.at}
    >
      <p>
        {tt('documents.print.preamble', { school: order.schoolName, n: order.children.length })}
      </p>
      <table data-testid="order-children">
        <thead>
          <tr>
            <th className="num">№</th>
            <th>{tt('documents.print.child')}</th>
            <th>{tt('documents.print.stream')}</th>
            <th>{tt('documents.print.application')}</th>
          </tr>
        </thead>
        <tbody>
          {order.children.map((c, i) => (
            <tr key={c.applicationId}>
              <td className="num">{i + 1}</td>
              <td>{c.childName}</td>
              <td>
                {tt(`streamLanguage.${c.language}`, { defaultValue: c.language.toUpperCase() })}
              </td>
              <td>{c.applicationId}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>{tt('documents.print.total', { n: order.children.length })}</p>
      <div className="print-signature">
        <span data-testid="order-signatory">
          {tt('documents.print.director')}
          {order.issuedByName && ` ${order.issuedByName}`}
        </span>
        <span>{tt('documents.print.signature')}</span>
      </div>
    </PrintSheet>
  );
}

/** The print-ready page of one order, with the choice of the order's language. */
export function OrderPrint({ order, onClose }: { order: AdmissionOrder; onClose(): void }) {
  const { t, i18n } = useTranslation();
  const [lang, setLang] = useState<OrderLanguage>(i18n.language === 'ru' ? 'ru' : 'ky');
  const safe = `${order.schoolId}-${order.orderNumber}`.replace(/[^\p{L}\p{N}-]+/gu, '-');
  return (
    <PrintPage
      toolbarTitle={t('documents.orderTitle', { number: order.orderNumber })}
      fileName={`order-${safe}-${lang}.pdf`}
      onClose={onClose}
      controls={
        <label className="print-lang">
          {t('print.language')}{' '}
          <select
            className="select"
            value={lang}
            onChange={(e) => setLang(e.target.value as OrderLanguage)}
            data-testid="order-print-language"
          >
            {ORDER_LANGUAGES.map((l) => (
              <option key={l} value={l}>
                {l === 'ky' ? t('documents.lang.ky') : t('documents.lang.ru')}
              </option>
            ))}
          </select>
        </label>
      }
    >
      <OrderSheet order={order} lang={lang} />
    </PrintPage>
  );
}
