import type { Res } from '../../bridge';

/** Rendered report rows (main renders every cell in the report's language). */
export function ReportTable({ rows, testId }: { rows: Res<'reports.rows'>; testId?: string }) {
  return (
    // Scrolls sideways on its own: focusable, so the keyboard can scroll it too.
    <div className="reports-table-wrap" tabIndex={0} role="region" aria-label={rows.title}>
      <table className="reports-table" data-testid={testId}>
        <thead>
          <tr>
            {rows.headers.map((h, i) => (
              <th key={i} className={rows.numeric[i] ? 'num' : undefined}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.rows.map((cells, r) => (
            <tr key={r}>
              {cells.map((c, i) => (
                <td key={i} className={rows.numeric[i] ? 'num' : undefined}>
                  {c ?? ''}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
