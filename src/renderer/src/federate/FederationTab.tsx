import { Paper, SegmentedControl, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelInput } from '../../../shared/contract';
import { toApiError, type ApiError } from '../api/api-error';
import { useApi } from '../api/useApi';
import { useApiEvent } from '../api/useApiEvent';
import { ErrorAlert } from '../components/ErrorAlert';
import { useJobs } from '../jobs/useJobs';
import { useWorkspace } from '../workspace/useWorkspace';
import { useWorkspaceQuery } from '../workspace/useWorkspaceQuery';
import { FederatedModelCard } from './FederatedModelCard';
import { FederationLive } from './FederationLive';
import { JoinForm } from './JoinForm';
import { ProposeForm } from './ProposeForm';
import { useFederationProgress } from './useFederationProgress';

/**
 * Models → Train with other offices: propose a federation (and get one invitation code per office) or join one
 * with a code; follow its rounds; then read the federated model beside this office's own.
 */
export function FederationTab() {
  const { t } = useTranslation();
  const api = useApi();
  const jobs = useJobs();
  const { workspace } = useWorkspace();
  const features = useWorkspaceQuery('federate.features', {});
  const list = useWorkspaceQuery('federate.list', {});
  const [mode, setMode] = useState<'propose' | 'join'>('propose');
  const [jobId, setJobId] = useState<string | null>(null);
  const [dismissed, setDismissed] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  const [startError, setStartError] = useState<ApiError>();
  const [accepting, setAccepting] = useState(false);
  const [acceptError, setAcceptError] = useState<ApiError>();
  // The codes federate.propose answered with (the job's live state holds them too, for a window opened later).
  const [proposed, setProposed] = useState<{ jobId: string; invitations: Array<{ office: string; code: string }>; address: string } | null>(null);

  const running = jobs.runningOf('federate.coordinate') ?? jobs.runningOf('federate.participate');
  const job = (jobId ? jobs.get(jobId) : undefined) ?? running;
  const progress = useFederationProgress(job?.id ?? null);
  const shown = job && job.id !== dismissed ? job : undefined;
  const withCodes =
    progress && proposed && proposed.jobId === job?.id && !progress.invitations?.length ? { ...progress, invitations: proposed.invitations, coordinator: progress.coordinator ?? proposed.address } : progress;

  const { detach, track } = jobs;
  useEffect(() => () => (jobId ? detach(jobId) : undefined), [jobId, detach]);
  const { refetch } = list;
  useApiEvent('job.done', (payload) => {
    if (payload.jobId === job?.id) refetch();
  });

  const begin = async (call: () => Promise<{ jobId: string }>): Promise<void> => {
    setStarting(true);
    setStartError(undefined);
    try {
      const { jobId: id } = await call();
      track(id, { inline: true });
      setJobId(id);
      setDismissed(null);
    } catch (reason) {
      setStartError(toApiError(reason));
    } finally {
      setStarting(false);
    }
  };
  const propose = (input: ChannelInput<'federate.propose'>): void =>
    void begin(async () => {
      const started = await api.invoke('federate.propose', input);
      setProposed({ jobId: started.jobId, invitations: started.invitations, address: `${started.host}:${started.port}` });
      return started;
    });
  const join = (input: { code: string; office: string }): void => void begin(() => api.invoke('federate.join', input));
  const accept = async (): Promise<void> => {
    if (!job) return;
    setAccepting(true);
    setAcceptError(undefined);
    try {
      await api.invoke('federate.accept', { jobId: job.id });
    } catch (reason) {
      setAcceptError(toApiError(reason));
    } finally {
      setAccepting(false);
    }
  };

  const models = list.data?.models ?? [];
  const office = workspace?.name ?? '';
  const error = features.error ?? list.error;
  return (
    <Stack gap="md" data-testid="federation-tab">
      <Paper p="md" data-testid="federate-intro">
        <Stack gap="xs">
          <Title order={2}>{t('federation.intro.title')}</Title>
          <Text size="sm" maw={900}>
            {t('federation.intro.body')}
          </Text>
          {models.length === 0 && !shown && list.data && (
            <Text size="sm" c="dimmed" maw={900} data-testid="federate-empty">
              {t('federation.intro.empty')}
            </Text>
          )}
        </Stack>
      </Paper>
      {error && (
        <ErrorAlert
          error={error}
          title={t('modelLab.loadFailed')}
          onRetry={() => {
            features.refetch();
            list.refetch();
          }}
        />
      )}
      {shown ? (
        <>
          <FederationLive job={shown} progress={withCodes} accepting={accepting} onAccept={() => void accept()} onDismiss={() => setDismissed(shown.id)} />
          {acceptError && <ErrorAlert error={acceptError} title={t('federation.join.failed')} />}
        </>
      ) : (
        <>
          <SegmentedControl
            w={260}
            aria-label={t('federation.intro.mode')}
            value={mode}
            onChange={(v) => setMode(v === 'join' ? 'join' : 'propose')}
            data={[
              { value: 'propose', label: t('federation.intro.propose') },
              { value: 'join', label: t('federation.intro.join') },
            ]}
            data-testid="federate-mode"
          />
          {mode === 'propose' ? (
            features.data ? (
              <ProposeForm key={office} features={features.data} defaultOffice={office} starting={starting} error={startError} onPropose={propose} />
            ) : (
              !error && <Skeleton h={420} />
            )
          ) : (
            <JoinForm key={office} defaultOffice={office} starting={starting} error={startError} onJoin={join} />
          )}
        </>
      )}
      {models.length > 0 && (
        <Stack gap="sm" data-testid="federated-models">
          <Title order={2}>{t('federation.list.title')}</Title>
          {models.map((model) => (
            <FederatedModelCard key={model.id} model={model} onDeleted={() => list.refetch()} />
          ))}
        </Stack>
      )}
    </Stack>
  );
}
