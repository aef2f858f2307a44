import type { ReactNode } from 'react';

/** Errors interrupt (role=alert); notices wait their turn (role=status). */
export function Alert({
  kind,
  children,
}: {
  kind: 'error' | 'info' | 'success';
  children: ReactNode;
}) {
  return (
    <div className={`alert alert-${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      {children}
    </div>
  );
}
