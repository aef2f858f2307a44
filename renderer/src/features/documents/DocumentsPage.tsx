// The director's documents and orders screen: receive paper documents with the
// five-item checklist (R9), then issue a numbered admission order enrolling every
// child whose documents are in (R13), and print it in Kyrgyz or Russian.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../bridge';
import { useCommand } from '../../data/useQuery';
import { describeError } from '../../i18n/describeError';
import { formatDate, formatNumber } from '../../i18n/formatting';
import { Alert } from '../../ui/Alert';
import { Loading } from '../../ui/Loading';
import { streamLanguageName } from '../dashboard/streamLanguageName';
import { useSchoolChildren, type Child } from '../school/useSchoolChildren';
import { OrderList } from './OrderList';
import { OrderPrint, type AdmissionOrder } from './OrderSheet';
import { ReceivePanel } from './ReceivePanel';
import { useOrders } from './useOrders';
import '../school/school.css';
import './documents.css';

export function DocumentsPage() {
  const { t, i18n } = useTranslation();
  const children = useSchoolChildren();
  const orders = useOrders();
  const [receiving, setReceiving] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [number, setNumber] = useState('');
  const issueCommand = useCommand();
  const { busy: issuing, error: orderError } = issueCommand;
  const [issued, setIssued] = useState<AdmissionOrder | null>(null);
  const [printing, setPrinting] = useState<AdmissionOrder | null>(null);
  const [search, setSearch] = useState('');

  // Suggest the next number whenever the orders change; the director may type another.
  const nextNumber = orders.data?.nextNumber;
  const [suggested, setSuggested] = useState<string | null | undefined>(undefined);
  if (nextNumber !== suggested) {
    setSuggested(nextNumber);
    if (nextNumber) setNumber(nextNumber);
  }

  const data = children.data;
  if (!data || !orders.data) {
    if (children.loading || orders.loading) return <Loading />;
    const error = children.error ?? orders.error;
    return (
      <Alert tone="error" testId="documents-error">
        {error ? describeError(t, error) : t('error.internal')}
      </Alert>
    );
  }

  const n = (v: number) => formatNumber(v, i18n.language);
  // A school takes hundreds of children: the director finds the one at the desk by name, PIN or application.
  const needle = search.trim().toLocaleLowerCase();
  const owing = data.children
    .filter((c) => c.status === 'registered')
    .filter(
      (c) =>
        !needle ||
        c.childName.toLocaleLowerCase().includes(needle) ||
        c.applicationId.toLocaleLowerCase().includes(needle) ||
        (c.pin ?? '').startsWith(needle),
    )
    .sort((a, b) => a.childName.localeCompare(b.childName, i18n.language));
  const waiting = data.children.filter((c) => c.status === 'documents_received');

  const reload = () => {
    children.reload();
    orders.reload();
  };

  const issue = async () => {
    setIssued(null);
    const order = await issueCommand.run(() => api['school.issueOrder']({ orderNumber: number }));
    if (order) setIssued(order);
    reload();
  };

  return (
    <div data-testid="documents-page">
      <div className="page-header">
        <h1>{t('documents.title')}</h1>
        <span className="scope">{data.school.name}</span>
        <span className="header-spacer" />
        {data.documentsStart && data.documentsEnd && (
          <span className="muted">
            {t('documents.window', {
              from: formatDate(data.documentsStart, i18n.language),
              to: formatDate(data.documentsEnd, i18n.language),
            })}
          </span>
        )}
      </div>
      {!data.documentsOpen && (
        <Alert tone="info" testId="documents-closed">
          {t('documents.closed')}
        </Alert>
      )}
      {done && (
        <Alert tone="ok" testId="documents-done">
          {t('documents.received', { name: done })}
        </Alert>
      )}

      <section className="panel section">
        <div className="panel-header">
          <h2>{t('documents.owingTitle')}</h2>
          <span className="muted">{n(owing.length)}</span>
          <span className="header-spacer" />
          <input
            className="input owing-search"
            type="search"
            value={search}
            placeholder={t('documents.search')}
            aria-label={t('documents.search')}
            onChange={(e) => setSearch(e.target.value)}
            data-testid="owing-search"
          />
        </div>
        {owing.length === 0 ? (
          <div className="panel-body muted">
            {needle ? t('documents.noMatch') : t('documents.noneOwing')}
          </div>
        ) : (
          <div className="table-scroll" tabIndex={0}>
            <table className="table" data-testid="owing-table">
              <thead>
                <tr>
                  <th>{t('school.col.childName')}</th>
                  <th>{t('school.col.language')}</th>
                  <th>{t('school.col.privilege')}</th>
                  <th className="num">{t('school.col.daysLeft')}</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {owing.map((c: Child) => (
                  <tr
                    key={c.applicationId}
                    data-application-id={c.applicationId}
                    className={c.atRisk ? 'row-risk' : undefined}
                  >
                    <td>
                      <div>{c.childName}</div>
                      <div className="muted small">{c.applicationId}</div>
                    </td>
                    <td>{streamLanguageName(t, c.language)}</td>
                    <td>{c.privilege === 'none' ? '—' : t(`privilege.${c.privilege}`)}</td>
                    <td className="num">{c.daysLeft === null ? '—' : n(c.daysLeft)}</td>
                    <td className="actions-cell">
                      {receiving === c.applicationId ? (
                        <ReceivePanel
                          child={c}
                          onCancel={() => setReceiving(null)}
                          onDone={() => {
                            setReceiving(null);
                            setDone(c.childName);
                            reload();
                          }}
                        />
                      ) : (
                        <button
                          type="button"
                          className="btn"
                          onClick={() => {
                            setDone(null);
                            setReceiving(c.applicationId);
                          }}
                          data-testid="receive-open"
                        >
                          {t('documents.receiveOpen')}
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className="panel section">
        <div className="panel-header">
          <h2>{t('documents.issueTitle')}</h2>
        </div>
        <div className="panel-body">
          <p data-testid="order-waiting">
            {waiting.length === 0
              ? t('documents.nobodyWaiting')
              : t('documents.waiting', {
                  n: waiting.length,
                  names: waiting.map((c) => c.childName).join(', '),
                })}
          </p>
          <form
            className="issue-form"
            onSubmit={(e) => {
              e.preventDefault();
              void issue();
            }}
          >
            <label className="field">
              <span>{t('documents.orderNumber')}</span>
              <input
                className="input"
                value={number}
                maxLength={32}
                onChange={(e) => setNumber(e.target.value)}
                data-testid="order-number"
                required
              />
            </label>
            <button
              type="submit"
              className="btn btn-primary"
              disabled={issuing || waiting.length === 0 || number.trim() === ''}
              data-testid="order-issue"
            >
              {t('documents.issue')}
            </button>
          </form>
          {orderError && (
            <div className="alert alert-error" role="alert" data-testid="order-error">
              {orderError.code === 'invalid_request'
                ? t('documents.numberTaken', { number })
                : describeError(t, orderError)}
            </div>
          )}
          {issued && (
            <div className="alert alert-ok" role="status" data-testid="order-issued">
              {t('documents.issued', { number: issued.orderNumber, n: issued.children.length })}{' '}
              <button
                type="button"
                className="btn"
                onClick={() => setPrinting(issued)}
                data-testid="order-issued-print"
              >
                {t('print.open')}
              </button>
            </div>
          )}
        </div>
      </section>

      <section className="panel section">
        <div className="panel-header">
          <h2>{t('documents.ordersTitle')}</h2>
          <span className="muted">{n(orders.data.orders.length)}</span>
        </div>
        <OrderList orders={orders.data.orders} showSchool={false} />
      </section>
      {printing && <OrderPrint order={printing} onClose={() => setPrinting(null)} />}
    </div>
  );
}
