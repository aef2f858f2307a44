// The officer's district-wide admission orders: read-only, grouped by school, each
// printable (the same A4 order as the director's, in Kyrgyz or Russian).
import { useTranslation } from 'react-i18next';
import { describeError } from '../../i18n/describeError';
import { formatNumber } from '../../i18n/formatting';
import { Alert } from '../../ui/Alert';
import { Loading } from '../../ui/Loading';
import { OrderList } from '../documents/OrderList';
import type { AdmissionOrder } from '../documents/OrderSheet';
import { useOrders } from '../documents/useOrders';
import '../documents/documents.css';

export function OrdersPage() {
  const { t, i18n } = useTranslation();
  const { data, error, loading } = useOrders();
  if (!data) {
    if (loading) return <Loading />;
    return (
      <Alert tone="error" testId="orders-error">
        {error ? describeError(t, error) : t('error.internal')}
      </Alert>
    );
  }
  const bySchool = new Map<string, AdmissionOrder[]>();
  for (const o of data.orders) bySchool.set(o.schoolId, [...(bySchool.get(o.schoolId) ?? []), o]);
  const children = data.orders.reduce((sum, o) => sum + o.children.length, 0);
  return (
    <div data-testid="orders-page">
      <div className="page-header">
        <h1>{t('orders.title')}</h1>
        <span className="muted" data-testid="orders-summary">
          {t('orders.summary', {
            orders: formatNumber(data.orders.length, i18n.language),
            children: formatNumber(children, i18n.language),
            schools: formatNumber(bySchool.size, i18n.language),
          })}
        </span>
      </div>
      <Alert tone="info">{t('orders.readOnly')}</Alert>
      {bySchool.size === 0 ? (
        <section className="panel">
          <div className="panel-body muted" data-testid="orders-empty">
            {t('orders.empty')}
          </div>
        </section>
      ) : (
        [...bySchool.entries()]
          .sort(([, a], [, b]) => a[0]!.schoolName.localeCompare(b[0]!.schoolName, i18n.language))
          .map(([schoolId, list]) => (
            <section key={schoolId} className="panel section" data-school-id={schoolId}>
              <div className="panel-header">
                <h2>{list[0]!.schoolName}</h2>
                <span className="muted">{schoolId}</span>
              </div>
              <OrderList orders={list} showSchool={false} />
            </section>
          ))
      )}
    </div>
  );
}
