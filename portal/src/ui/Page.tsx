// Every page starts with its h1 and moves focus there when it opens, so a screen reader
// announces the new page after a client-side route change, as it would after a real load.
import { type ReactNode, useEffect, useRef } from 'react';

export function Page({ title, children }: { title: string; children: ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · Kabyl`;
  }, [title]);
  useEffect(() => {
    heading.current?.focus();
  }, []);
  return (
    <section className="page">
      <h1 tabIndex={-1} ref={heading}>
        {title}
      </h1>
      {children}
    </section>
  );
}
