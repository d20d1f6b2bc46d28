import { Grid, Skeleton, Stack, Tabs } from '@mantine/core';
import { IconBrain, IconUsersGroup } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { modelJobResultSchema, type ModelKind, type ModelSummary } from '../../../shared/model-schemas';
import { toApiError, type ApiError } from '../api/api-error';
import { useApi } from '../api/useApi';
import { useApiEvent } from '../api/useApiEvent';
import { ErrorAlert } from '../components/ErrorAlert';
import { Page } from '../components/Page';
import { useJobs } from '../jobs/useJobs';
import { useWorkspace } from '../workspace/useWorkspace';
import { useWorkspaceQuery } from '../workspace/useWorkspaceQuery';
import { EmptyIntro } from './EmptyIntro';
import { LiveTraining } from './LiveTraining';
import { ModelCard } from './ModelCard';
import { RetrainSwitch } from './RetrainSwitch';
import { TrainFromFile } from './TrainFromFile';
import { TrainPanel, type TrainRequest } from './TrainPanel';
import { VersionsPanel } from './VersionsPanel';
import { RecommendationsCard } from '../recommend/RecommendationsCard';
import { FederationTab } from '../federate/FederationTab';

const FOLDS_DEFAULT = 5;

/** The version a kind's tab shows first: its active one, else its newest. */
function defaultFor(models: readonly ModelSummary[], kind: ModelKind | null): ModelSummary | undefined {
  const pool = kind ? models.filter((m) => m.kind === kind) : models;
  const newest = [...pool].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const order = kind ? [kind] : (['churn', 'purchase', 'clv'] as const);
  for (const k of order) {
    const active = pool.find((m) => m.kind === k && m.active);
    if (active) return active;
  }
  return newest[0];
}

/** The model lab: train, watch the loss fall, compare versions, read a model's card, activate or roll back. */
/** The kinds trained from this lab's Train panel. */
const LAB_KINDS: ReadonlySet<string> = new Set(['churn', 'purchase', 'clv']);

export function ModelsPage() {
  const { t } = useTranslation();
  const api = useApi();
  const jobs = useJobs();
  const { refresh } = useWorkspace();
  const options = useWorkspaceQuery('models.options', {});
  const list = useWorkspaceQuery('models.list', {});
  const [startedId, setStartedId] = useState<string | null>(null);
  const [dismissed, setDismissed] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  const [trainError, setTrainError] = useState<ApiError>();
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const [kind, setKind] = useState<ModelKind | null>(null);
  const [tab, setTab] = useState<'local' | 'federated'>('local');

  const running = jobs.runningOf('model.train') ?? jobs.runningOf('clv.train');
  const live = (startedId ? jobs.get(startedId) : undefined) ?? running;
  const models = list.data?.models ?? [];
  const selected = models.find((m) => m.id === selectedId) ?? defaultFor(models, kind);
  const shownKind = kind ?? selected?.kind ?? 'churn';

  // The page shows its training's outcome itself; once it is gone, the tray notifies again.
  const { detach } = jobs;
  useEffect(() => () => (startedId ? detach(startedId) : undefined), [startedId, detach]);

  useApiEvent('job.done', (payload) => {
    if (payload.jobId !== live?.id) return;
    const result = modelJobResultSchema.safeParse(payload.result);
    if (!result.success) return;
    setKind(result.data.card.kind);
    setSelectedId(result.data.modelId);
  });

  const train = async (request: TrainRequest): Promise<void> => {
    setStarting(true);
    setTrainError(undefined);
    try {
      const { jobId } =
        request.kind === 'clv'
          ? await api.invoke('models.trainClv', { model: request.model, horizonMonths: request.horizonMonths })
          : await api.invoke('models.train', {
              target: request.kind,
              horizonDays: request.horizonDays,
              folds: request.folds,
              ...(request.kind === 'purchase' ? { category: request.category } : {}),
            });
      jobs.track(jobId, { inline: true });
      setStartedId(jobId);
      setDismissed(null);
    } catch (reason) {
      const error = toApiError(reason);
      setTrainError(error);
      // The workspace changed under us (another job, new data): show what it holds now.
      if (error.code === 'conflict') refresh();
    } finally {
      setStarting(false);
    }
  };

  const showModel = (id: number): void => {
    const model = models.find((m) => m.id === id);
    if (model) setKind(model.kind);
    setSelectedId(id);
    document.getElementById('model-card')?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  };

  const busy = running !== undefined;
  const error = options.error ?? list.error;
  return (
    <Page title={t('sections.models.title')} subtitle={t('sections.models.subtitle')} toolbar={<RetrainSwitch />}>
      {error && (
        <ErrorAlert
          error={error}
          title={t('modelLab.loadFailed')}
          onRetry={() => {
            options.refetch();
            list.refetch();
          }}
        />
      )}
      <Tabs value={tab} onChange={(value) => setTab(value === 'federated' ? 'federated' : 'local')} keepMounted={false} data-testid="models-tabs">
        <Tabs.List mb="md">
          <Tabs.Tab value="local" leftSection={<IconBrain size={16} />} data-testid="models-tab-local">
            {t('federation.tabs.local')}
          </Tabs.Tab>
          <Tabs.Tab value="federated" leftSection={<IconUsersGroup size={16} />} data-testid="models-tab-federated">
            {t('federation.tabs.federated')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="federated">
          <FederationTab />
        </Tabs.Panel>
        <Tabs.Panel value="local">
          {!options.data || !list.data ? (
            !error && <Skeleton h={420} />
          ) : (
            <Stack gap="md" data-testid="model-lab">
              {live && live.id !== dismissed && <LiveTraining job={live} onShowModel={showModel} onDismiss={() => setDismissed(live.id)} />}
              {/* The intro teaches the lab's own models; a sentiment or recommendation model trained elsewhere is listed below it. */}
              {models.some((m) => LAB_KINDS.has(m.kind)) ? (
                <TrainPanel options={options.data} busy={busy} starting={starting} error={trainError} onTrain={(r) => void train(r)} />
              ) : (
                <Grid gap="md">
                  <Grid.Col span={{ base: 12, md: 6 }}>
                    <EmptyIntro
                      horizonDays={options.data.defaultHorizonDays}
                      canTrain={options.data.notEnough === null && !busy}
                      starting={starting}
                      onTrainChurn={() => void train({ kind: 'churn', horizonDays: options.data?.defaultHorizonDays ?? 90, folds: FOLDS_DEFAULT })}
                    />
                  </Grid.Col>
                  <Grid.Col span={{ base: 12, md: 6 }}>
                    <TrainPanel options={options.data} busy={busy} starting={starting} error={trainError} onTrain={(r) => void train(r)} />
                  </Grid.Col>
                </Grid>
              )}
              {models.length > 0 && (
                <>
                  <VersionsPanel
                    models={models}
                    kind={shownKind}
                    onKind={(k) => {
                      setKind(k);
                      setSelectedId(null);
                    }}
                    selectedId={selected?.id ?? null}
                    onSelect={setSelectedId}
                  />
                  <div id="model-card" style={{ scrollMarginTop: 16 }}>
                    {selected && selected.kind === shownKind && <ModelCard id={selected.id} />}
                  </div>
                </>
              )}
              <TrainFromFile />
              <RecommendationsCard />
            </Stack>
          )}
        </Tabs.Panel>
      </Tabs>
    </Page>
  );
}
