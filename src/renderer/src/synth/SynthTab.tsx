import { Paper, Stack, Text, Title } from '@mantine/core';
import { IconCopy } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { synthTrainResultSchema, type SynthMethod, type SynthModelReport, type SynthTrainInput } from '../../../shared/synth-schemas';
import { toApiError, type ApiError } from '../api/api-error';
import { useApi } from '../api/useApi';
import { EmptyState } from '../components/EmptyState';
import { ErrorAlert } from '../components/ErrorAlert';
import { JobStatusPanel } from '../jobs/JobStatusPanel';
import { useTrackedJob } from '../jobs/useTrackedJob';
import { useLossPoints } from '../models/useLossPoints';
import { useWorkspaceQuery } from '../workspace/useWorkspaceQuery';
import { ExportTwin } from './ExportTwin';
import { PastTwins } from './PastTwins';
import { SetupPanel } from './SetupPanel';
import { GanChart } from './SynthCharts';
import { SynthReports } from './SynthReports';
import { ganEpochs } from './train-input';

/** The reports of the twins on show, read with `synth.get` once each (a training's result brings its own). */
function useReports(ids: readonly number[], seeded: readonly SynthModelReport[]) {
  const api = useApi();
  const [cache, setCache] = useState<Record<number, SynthModelReport>>({});
  const [error, setError] = useState<ApiError>();
  const missing = ids.filter((id) => !cache[id] && !seeded.some((r) => r.id === id)).join(',');
  useEffect(() => {
    if (!missing) return;
    let live = true;
    setError(undefined);
    Promise.all(missing.split(',').map((id) => api.invoke('synth.get', { id: Number(id) }))).then(
      (reports) => live && setCache((current) => ({ ...current, ...Object.fromEntries(reports.map((r) => [r.id, r])) })),
      (reason: unknown) => live && setError(toApiError(reason)),
    );
    return () => {
      live = false;
    };
  }, [api, missing]);
  const reports = ids.flatMap((id) => seeded.find((r) => r.id === id) ?? cache[id] ?? []);
  return { reports, error, loading: reports.length < ids.length && !error };
}

/**
 * The synthetic twin: learn a table, then look at how alike, how useful and how private its twin is, GAN and
 * copula side by side, and export rows or a whole workspace made from it.
 */
export function SynthTab() {
  const { t } = useTranslation();
  const api = useApi();
  const list = useWorkspaceQuery('synth.list', {});
  const training = useTrackedJob(synthTrainResultSchema);
  const [methods, setMethods] = useState<SynthMethod[]>([]);
  const [lastInput, setLastInput] = useState<SynthTrainInput | null>(null);
  const [shown, setShown] = useState<number[]>([]);
  const [shownFor, setShownFor] = useState<string | null>(null);
  const reportsRef = useRef<HTMLDivElement>(null);
  const points = useLossPoints(training.job?.id ?? null);
  const ganPoints = ganEpochs(points);
  const trained = training.result?.models ?? [];
  const { reports, error, loading } = useReports(shown, trained);

  // A finished training shows its twins side by side (state adjusted while rendering, once per job).
  const jobId = training.job?.id ?? null;
  if (training.result && jobId !== shownFor) {
    setShownFor(jobId);
    setShown(training.result.models.map((m) => m.id));
  }
  useEffect(() => {
    if (shownFor) reportsRef.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  }, [shownFor]);

  const train = (input: SynthTrainInput): void => {
    setMethods(input.methods);
    setLastInput(input);
    void training.start(() => api.invoke('synth.train', input));
  };
  const models = list.data?.models ?? [];
  // A finished job whose result does not read as the contract says (a version mismatch): said, not swallowed.
  const unreadable = training.job?.status === 'done' && !training.result;
  const live = (training.job && training.job.status !== 'done') || unreadable;

  return (
    <Stack gap="md" data-testid="synth-tab">
      <SetupPanel running={training.running} onTrain={train} />
      {(training.starting || training.startError || live) && (
        <Paper p="md" data-testid="synth-training" data-status={training.job?.status ?? 'starting'}>
          <Stack gap="sm">
            <Title order={2}>{t('synth.training.title')}</Title>
            <JobStatusPanel job={training} title={t('synth.training.running')} failedTitle={t('synth.training.failed')} onRetry={() => lastInput && train(lastInput)} testId="synth-train-job" />
            {unreadable && <ErrorAlert error={{ code: 'internal', message: t('synth.training.unreadable') }} title={t('synth.training.failed')} />}
            {methods.includes('gan') && training.job?.status === 'running' && (
              <>
                <Text size="xs" c="dimmed" maw={860}>
                  {t(lastInput?.dp ? 'synth.training.chartHintDp' : 'synth.training.chartHint')}
                </Text>
                <GanChart points={ganPoints} testId="synth-live-chart" />
              </>
            )}
          </Stack>
        </Paper>
      )}
      <div ref={reportsRef} style={{ scrollMarginTop: 72 }}>
        {error && <ErrorAlert error={error} title={t('synth.report.failed')} />}
        {shown.length > 0 && !loading && reports.length > 0 ? (
          <SynthReports reports={reports} onClose={() => setShown([])} />
        ) : (
          !loading &&
          !error &&
          !training.running && (
            <EmptyState icon={IconCopy} title={t(models.length ? 'synth.empty.pickTitle' : 'synth.empty.title')} text={t(models.length ? 'synth.empty.pickText' : 'synth.empty.text')} testId="synth-empty" py="lg" />
          )
        )}
      </div>
      {models.length > 0 && <ExportTwin models={models} preferred={shown[0] ?? null} />}
      {list.error ? (
        <ErrorAlert error={list.error} onRetry={list.refetch} />
      ) : (
        <PastTwins
          models={models}
          shown={shown}
          onOpen={(id) => setShown([id])}
          onCompare={(id) => setShown((current) => [...current.slice(0, 1), id])}
          onDeleted={(id) => {
            setShown((current) => current.filter((other) => other !== id));
            list.refetch();
          }}
        />
      )}
    </Stack>
  );
}
