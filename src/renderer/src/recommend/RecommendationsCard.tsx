import { Badge, Button, Group, Paper, SimpleGrid, Stack, Table, Text, TextInput, Title, UnstyledButton } from '@mantine/core';
import { IconSearch, IconSparkles } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { recommendTrainResultSchema, type RankingMetrics, type RecommendTrainResult, type RecommendVersion } from '../../../shared/recommend-schemas';
import { useApi } from '../api/useApi';
import { useApiQuery } from '../api/useApiQuery';
import { Chart } from '../charts/Chart';
import type { ChartOption } from '../charts/echarts';
import { ErrorAlert } from '../components/ErrorAlert';
import type { Formatters } from '../format/formatters';
import { useFormat } from '../format/useFormat';
import { JobStatusPanel } from '../jobs/JobStatusPanel';
import { useTrackedJob } from '../jobs/useTrackedJob';
import { useWorkspaceQuery } from '../workspace/useWorkspaceQuery';
import { ProductDrawer } from './ProductDrawer';

const METRICS = ['hitRate10', 'recall10', 'ndcg10'] as const;
const METRIC_KEYS = { hitRate10: 'hitRate', recall10: 'recall', ndcg10: 'ndcg' } as const;
const MUTED = '#adb5bd';

function comparisonOption(r: RecommendTrainResult, format: Formatters, t: TFunction): ChartOption {
  const names = METRICS.map((m) => t(`recommend.lab.${METRIC_KEYS[m]}`));
  const series = (name: string, m: RankingMetrics, color?: string) => ({
    name,
    type: 'bar' as const,
    data: METRICS.map((k) => m[k]),
    barMaxWidth: 34,
    label: { show: true, position: 'top' as const, fontSize: 11, formatter: (p: { value: unknown }) => (typeof p.value === 'number' ? format.decimal(p.value, 3) : '') },
    ...(color ? { itemStyle: { color } } : {}),
  });
  return {
    grid: { left: 8, right: 12, top: 32, bottom: 8, containLabel: true },
    legend: { top: 0 },
    tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (typeof v === 'number' ? format.decimal(v, 3) : String(v)) },
    xAxis: { type: 'category', data: names },
    yAxis: { type: 'value', min: 0 },
    series: [series(t('recommend.lab.modelCol', { algorithm: r.algorithm }), r.model), series(t('recommend.lab.popularityCol'), r.popularity, MUTED)],
  };
}

/** The model lab's recommendation card: train (a job with progress and cancel), the honest evaluation, versions, products. */
export function RecommendationsCard() {
  const { t } = useTranslation();
  const api = useApi();
  const status = useWorkspaceQuery('recommend.status', {});
  const training = useTrackedJob(recommendTrainResultSchema);
  const activation = useTrackedJob(z.unknown());
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const versions = status.data?.versions ?? [];
  const shown = versions.find((v) => v.id === selectedId) ?? status.data?.active ?? versions[0];
  const { refetch } = status;
  const trainedId = training.result?.modelId;
  const activated = activation.job?.status === 'done';
  useEffect(() => {
    if (trainedId !== undefined || activated) refetch();
  }, [trainedId, activated, refetch]);

  const start = (): Promise<void> => training.start(() => api.invoke('recommend.train', { seed: 1 }));
  return (
    <Paper p="md" data-testid="recommend-card">
      <Group justify="space-between" align="flex-start" gap="sm" mb="sm" wrap="nowrap">
        <div>
          <Title order={2}>{t('recommend.lab.title')}</Title>
          <Text size="sm" c="dimmed" maw={760}>
            {t('recommend.lab.help')}
          </Text>
        </div>
        <Button variant={shown ? 'default' : 'filled'} leftSection={<IconSparkles size={16} />} loading={training.running} style={{ flexShrink: 0 }} onClick={() => void start()} data-testid="recommend-train">
          {shown ? t('recommend.lab.retrain') : t('recommend.lab.train')}
        </Button>
      </Group>
      <Stack gap="md">
        <JobStatusPanel job={training} title={t('recommend.lab.running')} failedTitle={t('recommend.lab.failed')} onRetry={() => void start()} testId="recommend-train-job" />
        <JobStatusPanel job={activation} title={t('recommend.lab.activating')} failedTitle={t('recommend.lab.activateFailed')} onRetry={() => undefined} testId="recommend-activate-job" />
        {status.error && <ErrorAlert error={status.error} title={t('recommend.lab.title')} onRetry={status.refetch} />}
        {status.data && !shown && !training.running && (
          <Text size="sm" c="dimmed" data-testid="recommend-empty">
            {t('recommend.lab.empty')}
          </Text>
        )}
        {shown && <Evaluation version={shown} />}
        {versions.length > 0 && (
          <Versions versions={versions} shownId={shown?.id ?? null} onSelect={setSelectedId} busy={activation.running || training.running} onActivate={(id) => void activation.start(() => api.invoke('models.activate', { id }))} />
        )}
        <ProductFinder />
      </Stack>
    </Paper>
  );
}

function Evaluation({ version }: { version: RecommendVersion }) {
  const { t } = useTranslation();
  const format = useFormat();
  const r = version.result;
  const option = useMemo(() => comparisonOption(r, format, t), [r, format, t]);
  const ratio = r.popularity.hitRate10 > 0 ? format.decimal(r.model.hitRate10 / r.popularity.hitRate10, 2) : null;
  return (
    <Stack gap="sm" data-testid="recommend-evaluation" data-version={version.version}>
      <Text size="sm" fw={600}>
        {t('recommend.lab.evaluation', { cutoff: format.date(r.cutoff), products: format.integer(r.products) })}
      </Text>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <Table withTableBorder fz="sm" data-testid="recommend-metrics">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('recommend.lab.metric')}</Table.Th>
              <Table.Th ta="right">{t('recommend.lab.modelCol', { algorithm: r.algorithm })}</Table.Th>
              <Table.Th ta="right">{t('recommend.lab.popularityCol')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {METRICS.map((m) => (
              <Table.Tr key={m}>
                <Table.Td>
                  <Text size="sm">{t(`recommend.lab.${METRIC_KEYS[m]}`)}</Text>
                  <Text size="xs" c="dimmed">
                    {t(`recommend.lab.${METRIC_KEYS[m]}Hint`)}
                  </Text>
                </Table.Td>
                <Table.Td ta="right" fw={600}>
                  {format.decimal(r.model[m], 3)}
                </Table.Td>
                <Table.Td ta="right">{format.decimal(r.popularity[m], 3)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Chart option={option} height={200} label={t('recommend.lab.chartAria')} testId="recommend-chart" />
      </SimpleGrid>
      {ratio && (
        <Text size="sm" fw={600} data-testid="recommend-ratio">
          {t('recommend.lab.versus', { ratio })}
        </Text>
      )}
      <Text size="xs" c="dimmed" data-testid="recommend-sampled">
        {t('recommend.lab.sampled', { model: format.decimal(r.sampled99.model.hitRate10, 3), popularity: format.decimal(r.sampled99.popularity.hitRate10, 3) })}
      </Text>
      <Text size="xs" c="dimmed">
        {t('recommend.lab.facts', {
          tested: format.integer(r.testedCustomers),
          customers: format.integer(r.customers),
          products: format.integer(r.products),
          scored: format.integer(r.scored),
          rules: format.integer(r.rules),
          seconds: format.duration(r.seconds),
          backend: r.backend,
        })}
      </Text>
    </Stack>
  );
}

function Versions({ versions, shownId, onSelect, busy, onActivate }: { versions: RecommendVersion[]; shownId: number | null; onSelect: (id: number) => void; busy: boolean; onActivate: (id: number) => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const activeVersion = versions.find((v) => v.active)?.version ?? null;
  return (
    <Stack gap={4} data-testid="recommend-versions">
      <Text size="sm" fw={600}>
        {t('recommend.lab.versions')}
      </Text>
      {versions.map((v) => (
        <Group key={v.id} justify="space-between" wrap="nowrap" data-testid="recommend-version" data-active={v.active}>
          <UnstyledButton onClick={() => onSelect(v.id)} aria-pressed={v.id === shownId}>
            <Group gap="xs" wrap="nowrap">
              <Text size="sm" fw={v.id === shownId ? 700 : 400}>
                {t('recommend.lab.version', { version: String(v.version) })}
              </Text>
              <Text size="xs" c="dimmed">
                {format.dateTime(v.createdAt)} · {v.result.algorithm} · {t('recommend.lab.hitRate')} {format.decimal(v.result.model.hitRate10, 3)}
              </Text>
              {v.active && (
                <Badge size="xs" color="teal" variant="light">
                  {t('recommend.lab.active')}
                </Badge>
              )}
            </Group>
          </UnstyledButton>
          {!v.active && (
            <Button size="compact-xs" variant="light" disabled={busy} onClick={() => onActivate(v.id)} data-testid="recommend-activate">
              {activeVersion !== null && v.version < activeVersion ? t('recommend.lab.rollBack') : t('recommend.lab.activate')}
            </Button>
          )}
        </Group>
      ))}
    </Stack>
  );
}

/** Products by name or SKU, each opening its product view (bought together, similar). */
function ProductFinder() {
  const { t } = useTranslation();
  const format = useFormat();
  const [search, setSearch] = useState('');
  const [productId, setProductId] = useState<number | null>(null);
  const query = useApiQuery('recommend.products', { search, limit: 8 });
  const products = query.data?.products ?? [];
  return (
    <Stack gap={6} data-testid="recommend-products">
      <Text size="sm" fw={600}>
        {t('recommend.lab.products')}
      </Text>
      <TextInput
        size="sm"
        maw={360}
        leftSection={<IconSearch size={14} />}
        placeholder={t('recommend.lab.productsPlaceholder')}
        aria-label={t('recommend.lab.productsPlaceholder')}
        value={search}
        onChange={(e) => setSearch(e.currentTarget.value)}
        data-testid="recommend-product-search"
      />
      {query.data && products.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('recommend.lab.productsEmpty')}
        </Text>
      ) : (
        <Group gap="xs">
          {products.map((p) => (
            <Button key={p.productId} size="compact-sm" variant="default" onClick={() => setProductId(p.productId)} data-testid="recommend-product">
              {p.name}
              <Text span size="xs" c="dimmed" ml={6}>
                {t('recommend.lab.buyers', { buyers: format.integer(p.buyers) })}
              </Text>
            </Button>
          ))}
        </Group>
      )}
      <ProductDrawer productId={productId} onClose={() => setProductId(null)} />
    </Stack>
  );
}
