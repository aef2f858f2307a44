// Drives one import: optional upload, import.start, then polling import.progress
// until main reports done or failed. The work itself runs in main, off this thread.
import { useCallback, useEffect, useRef, useState } from 'react';
import { api, type ApiError, type Res } from '../../bridge';
import { uploadFile } from './uploadFile';

export type ImportJob = Res<'import.start'>;
type PickedFile = Res<'import.upload'>['file'];

export type ImportState =
  | { phase: 'idle' }
  | { phase: 'uploading'; sent: number; total: number }
  | { phase: 'running'; job: ImportJob }
  | { phase: 'finished'; job: ImportJob }
  | { phase: 'error'; error: ApiError };

const POLL_MS = 250;

export function useImportJob(onError: (error: ApiError) => void) {
  const [state, setState] = useState<ImportState>({ phase: 'idle' });
  const alive = useRef(true);
  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);

  const fail = useCallback(
    (error: ApiError) => {
      onError(error);
      if (alive.current) setState({ phase: 'error', error });
    },
    [onError],
  );

  const follow = useCallback(
    async (job: ImportJob) => {
      let current = job;
      while (alive.current && current.state === 'running') {
        setState({ phase: 'running', job: current });
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
        const next = await api['import.progress']({ jobId: current.jobId });
        if (!next.ok) return fail(next.error);
        current = next.value;
      }
      if (alive.current) setState({ phase: 'finished', job: current });
    },
    [fail],
  );

  const run = useCallback(
    async (source: { kind: 'browser'; file: File } | { kind: 'main'; file: PickedFile }) => {
      let fileId: string;
      if (source.kind === 'browser') {
        const total = source.file.size;
        setState({ phase: 'uploading', sent: 0, total });
        const uploaded = await uploadFile(source.file, (sent) => alive.current && setState({ phase: 'uploading', sent, total }));
        if (!uploaded.ok) return fail(uploaded.error);
        fileId = uploaded.file.fileId;
      } else {
        fileId = source.file.fileId;
      }
      const started = await api['import.start']({ fileId });
      if (!started.ok) return fail(started.error);
      await follow(started.value);
    },
    [fail, follow],
  );

  const reset = useCallback(() => setState({ phase: 'idle' }), []);
  return { state, run, reset };
}
