import { Button, Grid, Group, Paper, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconSparkles } from '@tabler/icons-react';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { discoverResultSchema, type DiscoverResult } from '../../../shared/segment-schemas';
import { toApiError, type ApiError } from '../api/api-error';
import { useApi } from '../api/useApi';
import { Chart } from '../charts/Chart';
import { ErrorAlert } from '../components/ErrorAlert';
import { useFormat } from '../format/useFormat';
import { JobProgress } from '../jobs/JobProgress';
import { useJobs } from '../jobs/useJobs';
import { ClusterCard } from './ClusterCard';
import { RfmReadyMade } from './RfmReadyMade';
import { silhouetteOption } from './segment-charts';

const K_CHOICES = ['auto', ...Array.from({ length: 11 }, (_, i) => String(i + 2))];

/** Finds groups of similar customers (a job), shows how well they separate and what sets each apart. */
export function DiscoverTab() {
  const { t } = useTranslation();
  const api = useApi();
  const jobs = useJobs();
  const [k, setK] = useState('auto');
  const [starting, setStarting] = useState(false);
  const [error, setError] = useState<ApiError>();
  const [startedId, setStartedId] = useState<string | null>(null);

  const discoverJobs = jobs.jobs.filter((job) => job.kind === 'segments.discover');
  const running = discoverJobs.find((job) => job.status === 'running');
  const started = startedId ? jobs.get(startedId) : undefined;
  const shown = started ?? running;
  const latest = useMemo(() => {
    for (const job of discoverJobs) {
      if (job.status !== 'done') continue;
      const parsed = discoverResultSchema.safeParse(job.result);
      if (parsed.success) return { result: parsed.data, finishedAt: job.finishedAt };
    }
    return null;
  }, [discoverJobs]);

  const { detach } = jobs;
  useEffect(() => () => (startedId ? detach(startedId) : undefined), [startedId, detach]);

  const start = async (): Promise<void> => {
    setStarting(true);
    setError(undefined);
    try {
      const { jobId } = await api.invoke('segments.discover', { seed: 1, ...(k === 'auto' ? {} : { k: Number(k) }) });
      jobs.track(jobId, { inline: true });
      setStartedId(jobId);
    } catch (reason) {
      setError(toApiError(reason));
    } finally {
      setStarting(false);
    }
  };

  return (
    <Stack gap="md" data-testid="segments-discover">
      <Paper p="md">
        <Group justify="space-between" align="flex-end" wrap="wrap" gap="md">
          <div style={{ flex: 1, minWidth: 280 }}>
            <Title order={2}>{t('segments.discover.title')}</Title>
            <Text size="sm" c="dimmed" maw={640}>
              {t('segments.discover.help')}
            </Text>
          </div>
          <Group gap="xs" align="flex-end">
            <Select
              label={t('segments.discover.kLabelSelect')}
              w={200}
              data={K_CHOICES.map((value) => ({ value, label: value === 'auto' ? t('segments.discover.kAuto') : t('segments.discover.kFixed', { k: value }) }))}
              value={k}
              onChange={(value) => value && setK(value)}
              allowDeselect={false}
              disabled={running !== undefined}
              data-testid="discover-k"
            />
            <Button leftSection={<IconSparkles size={16} />} loading={starting} disabled={running !== undefined} onClick={() => void start()} data-testid="discover-start">
              {latest ? t('segments.discover.again') : t('segments.discover.start')}
            </Button>
          </Group>
        </Group>
        {error && (
          <Stack mt="sm">
            <ErrorAlert error={error} title={t('segments.discover.failed')} />
          </Stack>
        )}
        {shown && shown.status !== 'done' && (
          <Paper p="sm" mt="md" withBorder data-testid="discover-job">
            <JobProgress job={shown} size="md" />
          </Paper>
        )}
      </Paper>
      {latest ? (
        <DiscoverResultView result={latest.result} finishedAt={latest.finishedAt} />
      ) : (
        !shown && (
          <Paper p="lg" data-testid="discover-empty">
            <Text size="sm" c="dimmed" ta="center">
              {t('segments.discover.empty')}
            </Text>
          </Paper>
        )
      )}
      <RfmReadyMade />
    </Stack>
  );
}

function DiscoverResultView({ result, finishedAt }: { result: DiscoverResult; finishedAt: string | null }) {
  const { t } = useTranslation();
  const format = useFormat();
  const option = useMemo(() => silhouetteOption(result, format, t), [result, format, t]);
  const chosen = result.silhouettes.find((s) => s.k === result.k);
  return (
    <Stack gap="md" data-testid="discover-result" data-k={result.k} data-clusters={result.clusters.length}>
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 8 }}>
        <Paper p="md" h="100%">
          <Title order={3}>{t('segments.discover.silhouetteTitle')}</Title>
          <Text size="xs" c="dimmed" mb="xs">
            {t('segments.discover.silhouetteHelp')}
          </Text>
          <Chart option={option} height={200} label={t('segments.discover.silhouetteAria', { k: String(result.k) })} testId="discover-silhouette" />
          <Text size="xs" c="dimmed" mt="xs">
            {t('segments.discover.featuresUsed', { features: result.features.map((f) => f.label).join(' · ') })}
          </Text>
        </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
        <Paper p="md" h="100%">
          <Title order={3} mb="xs">
            {t('segments.discover.factsTitle')}
          </Title>
          <Stack gap={4}>
            {[
              [t('segments.discover.facts.k'), format.integer(result.k)],
              [t('segments.discover.facts.silhouette'), chosen ? format.decimal(chosen.score, 3) : t('common.none')],
              [t('segments.discover.facts.customers'), format.integer(result.customers)],
              [t('segments.discover.facts.sample'), format.integer(result.silhouetteSample)],
              [t('segments.discover.facts.backend'), result.backend],
              [t('segments.discover.facts.time'), format.duration(result.seconds)],
              ...(finishedAt ? [[t('segments.discover.facts.when'), format.dateTime(finishedAt)]] : []),
            ].map(([label, value]) => (
              <Group key={label} justify="space-between" wrap="nowrap" gap="sm" align="flex-start">
                <Text size="sm" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                  {label}
                </Text>
                <Text size="sm" ta="right" className="tabular">
                  {value}
                </Text>
              </Group>
            ))}
          </Stack>
        </Paper>
        </Grid.Col>
      </Grid>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        {[...result.clusters]
          .sort((a, b) => b.size - a.size)
          .map((cluster) => (
            <ClusterCard key={cluster.index} cluster={cluster} />
          ))}
      </SimpleGrid>
    </Stack>
  );
}
