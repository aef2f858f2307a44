// Drives one import: optional upload, import.start, then polling import.progress
// until main reports done or failed. The work itself runs in main, off this thread.
import { useCallback, useEffect, useRef, useState } from 'react';
import { api, type ApiError, type Res, type Result } from '../../bridge';
import { useCommand } from '../../data/useQuery';
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

type Source = { kind: 'browser'; file: File } | { kind: 'main'; file: PickedFile };

export function useImportJob() {
  // The whole import is one command: a failure at any step is told to the session and kept.
  const { run: runCommand, error, clearError } = useCommand();
  const [progress, setProgress] = useState<ImportState>({ phase: 'idle' });
  const alive = useRef(true);
  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);

  const run = useCallback(
    async (source: Source) => {
      await runCommand(async (): Promise<Result<null>> => {
        let fileId: string;
        if (source.kind === 'browser') {
          const total = source.file.size;
          setProgress({ phase: 'uploading', sent: 0, total });
          const uploaded = await uploadFile(source.file, (sent) => {
            if (alive.current) setProgress({ phase: 'uploading', sent, total });
          });
          if (!uploaded.ok) return uploaded;
          fileId = uploaded.file.fileId;
        } else {
          fileId = source.file.fileId;
        }
        const started = await api['import.start']({ fileId });
        if (!started.ok) return started;
        let job = started.value;
        while (alive.current && job.state === 'running') {
          setProgress({ phase: 'running', job });
          await new Promise((resolve) => setTimeout(resolve, POLL_MS));
          const next = await api['import.progress']({ jobId: job.jobId });
          if (!next.ok) return next;
          job = next.value;
        }
        if (alive.current) setProgress({ phase: 'finished', job });
        return { ok: true, value: null };
      });
    },
    [runCommand],
  );

  const reset = useCallback(() => {
    clearError();
    setProgress({ phase: 'idle' });
  }, [clearError]);
  const state: ImportState = error ? { phase: 'error', error } : progress;
  return { state, run, reset };
}
