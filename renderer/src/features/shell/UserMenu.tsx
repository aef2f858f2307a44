import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession, type SessionUser } from '../auth/SessionContext';

function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0])
    .join('');
}

export function UserMenu({ user }: { user: SessionUser }) {
  const { t } = useTranslation();
  const { signOut, store } = useSession();
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const onPointer = (e: PointerEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  return (
    <div className="user-menu" ref={root}>
      <button
        type="button"
        className="user-menu-button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-label={t('user.menu')}
        data-testid="user-menu"
        onClick={() => setOpen((o) => !o)}
      >
        <span className="user-avatar" aria-hidden="true">
          {initials(user.displayName)}
        </span>
        <span className="user-name">
          <span data-testid="user-name">{user.displayName}</span>
          <small data-testid="user-role">{t(`role.${user.role}`)}</small>
        </span>
      </button>
      {open && (
        <div className="user-menu-list" role="menu">
          <div className="user-menu-info">
            <div>{user.username}</div>
            {user.schoolName && <div>{t('user.school', { name: user.schoolName })}</div>}
            {store && <div>{t('user.store', { name: store.districtName })}</div>}
          </div>
          <button
            type="button"
            role="menuitem"
            data-testid="sign-out"
            onClick={() => void signOut()}
          >
            {t('auth.signOut')}
          </button>
        </div>
      )}
    </div>
  );
}
