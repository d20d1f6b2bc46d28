import { Badge, Button, Grid, Group, MultiSelect, Paper, SegmentedControl, Select, Skeleton, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconMessageCircle, IconRefresh } from '@tabler/icons-react';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { reviewAnalyzeResultSchema, type ReviewFilter, type ReviewsOverview } from '../../../shared/review-schemas';
import { useApi } from '../api/useApi';
import { ErrorAlert } from '../components/ErrorAlert';
import { EmptyState, NoDataYet } from '../components/EmptyState';
import { Page } from '../components/Page';
import { JobStatusPanel } from '../jobs/JobStatusPanel';
import { useTrackedJob } from '../jobs/useTrackedJob';
import { useFormat } from '../format/useFormat';
import { useWorkspaceQuery } from '../workspace/useWorkspaceQuery';
import { SENTIMENT_COLOURS } from './sentiment-colours';
import { SentimentOverTime } from './SentimentOverTime';
import { ThemeQuotes } from './ThemeQuotes';
import { ThemesChart } from './ThemesChart';

/**
 * What customers say: sentiment of every review over time, the themes they write about (how often, how they feel),
 * and the sentences behind each theme; all under one set of filters.
 */
export function ReviewsPage() {
  const { t } = useTranslation();
  const api = useApi();
  const [filter, setFilter] = useState<ReviewFilter>({});
  const [themeId, setThemeId] = useState<number | null>(null);
  const overview = useWorkspaceQuery('reviews.overview', { filter });
  const job = useTrackedJob(reviewAnalyzeResultSchema);
  const analyse = () => void job.start(() => api.invoke('reviews.analyze', {}));
  const data = overview.data;

  const toolbar = data?.analysis ? (
    <Button variant="default" size="xs" leftSection={<IconRefresh size={14} />} loading={job.running} onClick={analyse} data-testid="reviews-analyse-again">
      {t('reviews.analyseAgain')}
    </Button>
  ) : undefined;

  return (
    <Page title={t('sections.reviews.title')} subtitle={data ? subtitle(t, data) : t('sections.reviews.subtitle')} toolbar={toolbar}>
      {overview.error && <ErrorAlert error={overview.error} onRetry={overview.refetch} />}
      <JobStatusPanel job={job} title={t('reviews.running')} failedTitle={t('reviews.failed')} cancelledText={t('reviews.cancelled')} onRetry={analyse} testId="reviews-job" />
      {!data && !overview.error && <Skeleton h={420} />}
      {data && data.totalReviews === 0 && (
        <NoDataYet icon={IconMessageCircle} title={t('reviews.empty.title')} text={t('reviews.empty.text')} importLabel={t('reviews.empty.import')} demoLabel={t('reviews.empty.demo')} testId="reviews-empty" />
      )}
      {data && data.totalReviews > 0 && !data.analysis && !job.running && (
        <EmptyState icon={IconMessageCircle} title={t('reviews.notAnalysed.title')} text={t('reviews.notAnalysed.text', { count: data.totalReviews })} testId="reviews-not-analysed">
          <Button onClick={analyse} leftSection={<IconMessageCircle size={16} />} data-testid="reviews-analyse">
            {t('reviews.analyse')}
          </Button>
        </EmptyState>
      )}
      {data && data.analysis && (
        <Stack gap="md">
          <Filters data={data} filter={filter} onChange={(next) => setFilter(next)} />
          <Grid gap="md">
            <Grid.Col span={{ base: 12, lg: 4 }}>
              <Counts data={data} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, lg: 8 }}>
              <SentimentOverTime months={data.byMonth} />
            </Grid.Col>
          </Grid>
          <Grid gap="md">
            <Grid.Col span={{ base: 12, lg: themeId === null ? 12 : 7 }}>
              <ThemesChart filter={filter} selected={themeId} onSelect={setThemeId} />
            </Grid.Col>
            {themeId !== null && (
              <Grid.Col span={{ base: 12, lg: 5 }}>
                <ThemeQuotes themeId={themeId} filter={filter} onClose={() => setThemeId(null)} />
              </Grid.Col>
            )}
          </Grid>
        </Stack>
      )}
    </Page>
  );
}

function subtitle(t: TFunction, data: ReviewsOverview): string {
  const a = data.analysis;
  if (!a) return t('sections.reviews.subtitle');
  const by = a.source === 'model' ? t('reviews.source.model', { version: String(a.modelVersion ?? '') }) : a.source === 'lexicon' ? t('reviews.source.lexicon') : t('reviews.source.mixed');
  return t('reviews.scope', { count: data.reviews, by });
}

const SENTIMENTS = ['positive', 'neutral', 'negative'] as const;

function Counts({ data }: { data: ReviewsOverview }) {
  const { t } = useTranslation();
  const format = useFormat();
  const analysed = data.bySentiment.positive + data.bySentiment.neutral + data.bySentiment.negative;
  return (
    <Paper p="md" withBorder h="100%" data-testid="reviews-counts">
      <Title order={3} mb="sm">
        {t('reviews.counts.title')}
      </Title>
      <Stack gap="xs">
        {SENTIMENTS.map((label) => (
          <Group key={label} justify="space-between" data-testid={`reviews-count-${label}`}>
            <Badge color={SENTIMENT_COLOURS[label]} variant="light">
              {t(`reviews.labels.${label}`)}
            </Badge>
            <Text className="tabular" fw={600}>
              {format.integer(data.bySentiment[label])}
              <Text span size="sm" c="dimmed" ml={6}>
                {analysed ? format.percent(data.bySentiment[label] / analysed) : ''}
              </Text>
            </Text>
          </Group>
        ))}
        <Group justify="space-between" mt="xs">
          <Text size="sm" c="dimmed">
            {t('reviews.counts.mean')}
          </Text>
          <Text className="tabular">{data.meanScore === null ? '—' : format.decimal(data.meanScore, 2)}</Text>
        </Group>
        <Group justify="space-between">
          <Text size="sm" c="dimmed">
            {t('reviews.counts.stars')}
          </Text>
          <Text size="sm" className="tabular">
            {data.stars.map((s) => `${s.stars}★ ${format.integer(s.reviews)}`).join(' · ') || '—'}
          </Text>
        </Group>
        <Text size="xs" c="dimmed">
          {t('reviews.counts.help')}
        </Text>
      </Stack>
    </Paper>
  );
}

function Filters({ data, filter, onChange }: { data: ReviewsOverview; filter: ReviewFilter; onChange: (filter: ReviewFilter) => void }) {
  const { t } = useTranslation();
  const set = (patch: Partial<ReviewFilter>): void => {
    const next: Record<string, unknown> = { ...filter, ...patch };
    for (const key of Object.keys(next)) if (next[key] === undefined) delete next[key];
    onChange(next as ReviewFilter);
  };
  const products = useMemo(() => data.products.map((p) => ({ value: String(p.id), label: p.name })), [data.products]);
  const [from, setFrom] = useState(filter.from ?? '');
  const [to, setTo] = useState(filter.to ?? '');
  useEffect(() => {
    const valid = (d: string): string | undefined => (/^\d{4}-\d{2}-\d{2}$/.test(d) ? d : undefined);
    if (valid(from) !== filter.from || valid(to) !== filter.to) set({ from: valid(from), to: valid(to) });
    // Only the typed dates drive this effect (a complete date, or none).
  }, [from, to]);
  return (
    <Paper p="sm" withBorder data-testid="reviews-filters">
      <Group gap="sm" align="flex-end">
        <Select size="xs" w={220} label={t('reviews.filters.product')} data={products} value={filter.productId ? String(filter.productId) : null} onChange={(v) => set({ productId: v ? Number(v) : undefined })} searchable clearable placeholder={t('reviews.filters.all')} data-testid="reviews-filter-product" />
        <Select size="xs" w={160} label={t('reviews.filters.category')} data={data.categories} value={filter.category ?? null} onChange={(v) => set({ category: v ?? undefined })} clearable placeholder={t('reviews.filters.all')} data-testid="reviews-filter-category" />
        <Select
          size="xs"
          w={180}
          label={t('reviews.filters.segment')}
          data={data.segments.map((s) => ({ value: String(s.id), label: s.name }))}
          value={filter.segmentId ? String(filter.segmentId) : null}
          onChange={(v) => set({ segmentId: v ? Number(v) : undefined })}
          clearable
          searchable
          placeholder={data.segments.length ? t('reviews.filters.everyone') : t('reviews.filters.noSegments')}
          data-testid="reviews-filter-segment"
        />
        <MultiSelect
          size="xs"
          w={170}
          label={t('reviews.filters.stars')}
          data={['5', '4', '3', '2', '1'].map((s) => ({ value: s, label: `${s} ★` }))}
          value={(filter.stars ?? []).map(String)}
          onChange={(v) => set({ stars: v.length ? v.map(Number) : undefined })}
          placeholder={filter.stars ? undefined : t('reviews.filters.any')}
          data-testid="reviews-filter-stars"
        />
        <Stack gap={2}>
          <Text size="xs" fw={500}>
            {t('reviews.filters.sentiment')}
          </Text>
          <SegmentedControl
            size="xs"
            data={[{ value: 'any', label: t('reviews.filters.any') }, ...SENTIMENTS.map((s) => ({ value: s, label: t(`reviews.labels.${s}`) }))]}
            value={filter.sentiment ?? 'any'}
            onChange={(v) => set({ sentiment: v === 'any' ? undefined : (v as ReviewFilter['sentiment']) })}
            data-testid="reviews-filter-sentiment"
          />
        </Stack>
        <TextInput size="xs" w={130} type="date" label={t('reviews.filters.from')} value={from} onChange={(e) => setFrom(e.currentTarget.value)} data-testid="reviews-filter-from" />
        <TextInput size="xs" w={130} type="date" label={t('reviews.filters.to')} value={to} onChange={(e) => setTo(e.currentTarget.value)} data-testid="reviews-filter-to" />
      </Group>
    </Paper>
  );
}
