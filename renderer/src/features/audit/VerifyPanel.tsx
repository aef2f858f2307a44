// "Verify": replays the whole log into a fresh engine and compares every stored
// projection row, and walks the hash chain; a broken link names its seq.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Res } from '../../bridge';
import { useCommand } from '../../data/useQuery';
import { describeError } from '../../i18n/describeError';
import { formatNumber } from '../../i18n/formatting';
import { Alert } from '../../ui/Alert';

type Verify = Res<'audit.verify'>;

export function VerifyPanel() {
  const { t, i18n } = useTranslation();
  const command = useCommand();
  const [result, setResult] = useState<Verify | null>(null);
  const { busy: running, error } = command;
  const n = (v: number) => formatNumber(v, i18n.language);

  async function verify() {
    const value = await command.run(() => api['audit.verify']({}));
    if (value) setResult(value);
  }

  const chainText = (c: Verify['chain']) => {
    if (c.ok) return t('audit.chainIntact', { n: n(c.checked) });
    switch (c.reason) {
      case 'hash_mismatch':
        return t('audit.chainChanged', { seq: c.brokenAt });
      case 'prev_mismatch':
        return t('audit.chainDeleted', { seq: c.brokenAt });
      case 'malformed_body':
        return t('audit.chainMalformed', { seq: c.brokenAt });
      case 'column_mismatch':
        return t('audit.chainColumns', { seq: c.brokenAt, columns: c.columns.join(', ') });
      case 'rewritten':
        return t('audit.chainRewritten', { seq: c.brokenAt, upTo: c.rewrittenBy });
      default:
        return t('audit.chainHead', { seq: c.brokenAt });
    }
  };

  /** The heads kept outside the store file (docs/security.md): null where the app keeps none. */
  const anchorText = (c: Verify['chain']) => {
    if (c.anchorProtection === null || c.anchor === 'differs') return null;
    if (c.anchor === 'none') return { tone: 'info' as const, text: t('audit.anchorNone') };
    if (c.anchor === 'unreadable')
      return { tone: 'error' as const, text: t('audit.anchorUnreadable') };
    return {
      tone: 'ok' as const,
      text: t(
        c.anchorProtection === 'os-encrypted' ? 'audit.anchorAgrees' : 'audit.anchorAgreesWeak',
      ),
    };
  };
  const anchor = result ? anchorText(result.chain) : null;

  const problemText = (problem: string) => {
    if (problem === 'missing') return t('audit.diffMissing');
    if (problem === 'unexpected') return t('audit.diffUnexpected');
    if (problem === 'malformed_body') return t('audit.diffMalformed');
    return t('audit.diffDifferent');
  };

  return (
    <section className="panel verify-panel" data-testid="verify-panel">
      <div className="panel-header">
        <h2>{t('audit.verifyTitle')}</h2>
        <span className="muted">{t('audit.verifyExplain')}</span>
        <span className="header-spacer" />
        <button
          type="button"
          className="btn btn-primary"
          onClick={verify}
          disabled={running}
          data-testid="verify-button"
        >
          {running ? t('audit.verifying') : t('audit.verify')}
        </button>
      </div>
      {(error || result) && (
        <div className="panel-body">
          {error && <Alert tone="error">{describeError(t, error)}</Alert>}
          {result && (
            <>
              <Alert tone={result.projections.ok ? 'ok' : 'error'} testId="verify-projections">
                {result.projections.ok
                  ? t('audit.projectionsMatch', { n: n(result.events) })
                  : t('audit.projectionsDiffer', {
                      count: result.projections.count,
                      n: n(result.projections.count),
                    })}
              </Alert>
              <Alert tone={result.chain.ok ? 'ok' : 'error'} testId="verify-chain">
                {chainText(result.chain)}
              </Alert>
              {anchor && (
                <Alert tone={anchor.tone} testId="verify-anchor">
                  {anchor.text}
                </Alert>
              )}
              {result.projections.differences.length > 0 && (
                <table className="table" data-testid="verify-differences">
                  <thead>
                    <tr>
                      <th>{t('audit.diffTable')}</th>
                      <th>{t('audit.diffKey')}</th>
                      <th>{t('audit.diffProblem')}</th>
                      <th>{t('audit.diffColumns')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {result.projections.differences.map((d) => (
                      <tr key={`${d.table}/${d.key}`}>
                        <td className="reg-mono">{d.table}</td>
                        <td className="reg-mono">{d.key}</td>
                        <td>{problemText(d.problem)}</td>
                        <td className="reg-mono">{d.columns.join(', ')}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
              <div className="muted">{t('audit.verifyTook', { ms: n(result.ms) })}</div>
            </>
          )}
        </div>
      )}
    </section>
  );
}
