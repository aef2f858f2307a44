// The applications, cases and schools that a decision not yet confirmed by the
// server is about: screens mark their rows "not yet confirmed". Polled like the
// status; the demo and an unconnected district have none.
import { useEffect, useState } from 'react';
import { api } from '../../bridge';

const POLL_MS = 2000;

export function usePendingSubjects(): ReadonlySet<string> {
  const [subjects, setSubjects] = useState<ReadonlySet<string>>(new Set());
  useEffect(() => {
    let alive = true;
    const load = async () => {
      const r = await api['sync.pending']({});
      if (!alive || !r.ok) return;
      const next = new Set(r.value.events.flatMap((e) => (e.subjectId ? [e.subjectId] : [])));
      // A new Set only when it changed: the registry's columns depend on it.
      setSubjects((prev) =>
        prev.size === next.size && [...next].every((s) => prev.has(s)) ? prev : next,
      );
    };
    void load();
    const timer = setInterval(() => void load(), POLL_MS);
    return () => {
      alive = false;
      clearInterval(timer);
    };
  }, []);
  return subjects;
}
