import { useEffect, useState } from 'react';
import type { LossPoint } from '../../../shared/model-schemas';
import { useApi } from '../api/useApi';
import { useApiEvent } from '../api/useApiEvent';
import { mergeLossPoints } from './loss-points';

/**
 * The live loss curve of a training job: seeded from `jobs.get` (the page may open mid-training), then one point
 * per finished epoch from `job.progress`.
 */
export function useLossPoints(jobId: string | null): LossPoint[] {
  const api = useApi();
  const [curve, setCurve] = useState<{ jobId: string | null; points: LossPoint[] }>({ jobId, points: [] });
  // A new job starts a new curve (state adjusted while rendering, as React recommends over an effect).
  if (curve.jobId !== jobId) setCurve({ jobId, points: [] });

  useEffect(() => {
    if (jobId === null) return;
    let live = true;
    api.invoke('jobs.get', { jobId }).then(
      (job) => {
        if (!live || !job.points?.length) return;
        const seed = job.points;
        setCurve((current) => (current.jobId === jobId ? { jobId, points: mergeLossPoints(seed, current.points) } : current));
      },
      // The events still draw the curve; the tray reports a job that cannot be read.
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [api, jobId]);

  useApiEvent('job.progress', (payload) => {
    const point = payload.point;
    if (payload.jobId !== jobId || !point) return;
    setCurve((current) => (current.jobId === jobId ? { jobId, points: mergeLossPoints(current.points, [point]) } : current));
  });

  return curve.jobId === jobId ? curve.points : [];
}
