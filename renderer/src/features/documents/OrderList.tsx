// The orders as a list, each with its children and a print button; read-only.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../i18n/formatting';
import { actorName } from '../../i18n/codeLabel';
import { OrderPrint, type AdmissionOrder } from './OrderSheet';

export function OrderList({
  orders,
  showSchool,
}: {
  orders: AdmissionOrder[];
  showSchool: boolean;
}) {
  const { t, i18n } = useTranslation();
  const [printing, setPrinting] = useState<AdmissionOrder | null>(null);
  if (orders.length === 0)
    return (
      <div className="panel-body muted" data-testid="orders-empty">
        {t('documents.noOrders')}
      </div>
    );
  return (
    <div className="order-list" data-testid="order-list">
      {orders.map((o) => (
        <article
          key={o.eventId}
          className="order-item"
          data-order={o.orderNumber}
          data-school-id={o.schoolId}
        >
          <header className="order-item-head">
            <strong>{t('documents.orderTitle', { number: o.orderNumber })}</strong>
            {showSchool && <span>{o.schoolName}</span>}
            <span className="muted">{formatDateTime(o.at, i18n.language)}</span>
            {o.issuedBy && (
              <span className="muted">
                {t('documents.issuedBy', { user: actorName(t, o.issuedByName, 'director') })}
              </span>
            )}
            <span className="header-spacer" />
            <span className="muted">{t('documents.childrenCount', { n: o.children.length })}</span>
            <button
              type="button"
              className="btn"
              onClick={() => setPrinting(o)}
              data-testid="order-print"
            >
              {t('print.open')}
            </button>
          </header>
          <ol className="order-children">
            {o.children.map((c) => (
              <li key={c.applicationId}>
                {c.childName} <span className="muted small">{c.applicationId}</span>
              </li>
            ))}
          </ol>
        </article>
      ))}
      {printing && <OrderPrint order={printing} onClose={() => setPrinting(null)} />}
    </div>
  );
}
