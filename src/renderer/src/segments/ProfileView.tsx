import { Group, List, Paper, SimpleGrid, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconSparkles } from '@tabler/icons-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { SegmentProfile } from '../../../shared/segment-schemas';
import { Chart } from '../charts/Chart';
import { useFormat } from '../format/useFormat';
import { IndexValue, metricFormatter, SHARE_KEYS, ShareTable } from './profile-parts';
import { distributionOption } from './segment-charts';
import { useSegments } from './SegmentsContext';

/** A KPI: the segment's figure, the whole base's (or a caption) under it, and the index when there is one. */
function MetricCard({ label, value, caption, index, testId }: { label: string; value: string; caption: string; index?: number | null; testId: string }) {
  return (
    <Paper p="sm" data-testid={testId}>
      <Stack gap={2}>
        <Group justify="space-between" wrap="nowrap" gap="xs">
          <Text size="sm" c="dimmed" truncate="end" title={label} style={{ minWidth: 0 }}>
            {label}
          </Text>
          {index !== undefined && (
            <div style={{ flexShrink: 0 }}>
              <IndexValue index={index} testId={`${testId}-index`} />
            </div>
          )}
        </Group>
        <Text fz={22} fw={650} className="tabular" ta="right">
          {value}
        </Text>
        <Text size="xs" c="dimmed" ta="right" className="tabular">
          {caption}
        </Text>
      </Stack>
    </Paper>
  );
}

/** Who is in a segment: key figures against the base, how figures are distributed, what they buy, highlights. */
export function ProfileView({ profile, name }: { profile: SegmentProfile; name: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { catalog } = useSegments();
  const currency = profile.currency;
  const names = { segment: name, base: t('segments.profile.base') };
  // Scores of models not trained yet have no figure anywhere: said once, not as empty cards.
  const known = profile.metrics.filter((m) => m.segment !== null || m.base !== null);
  const unknown = profile.metrics.filter((m) => m.segment === null && m.base === null);
  const charts = useMemo(
    () =>
      profile.distributions.map((d) => ({
        distribution: d,
        option: distributionOption(
          d,
          [
            { name: names.segment, shares: d.bins.map((b) => b.segment) },
            { name: names.base, shares: d.bins.map((b) => b.base) },
          ],
          format,
        ),
      })),
    [profile.distributions, names.segment, names.base, format],
  );

  return (
    <Stack gap="md" data-testid="segment-profile" data-count={profile.count}>
      <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm">
        <MetricCard
          label={t('segments.profile.customers')}
          value={format.integer(profile.count)}
          caption={t('segments.profile.shareOfCustomers', { share: format.percent(profile.shareCustomers) })}
          testId="profile-kpi-count"
        />
        <MetricCard
          label={t('segments.profile.revenue')}
          value={format.wholeMoney(profile.revenue, currency)}
          caption={t('segments.profile.shareOfRevenue', { share: format.percent(profile.shareRevenue) })}
          testId="profile-kpi-revenue"
        />
        {known.map((metric) => {
          const show = metricFormatter(metric.field, catalog, currency, format);
          return (
            <MetricCard
              key={metric.field}
              label={metric.label}
              value={metric.segment === null ? t('common.none') : show(metric.segment)}
              caption={metric.base === null ? ' ' : t('segments.profile.baseValue', { value: show(metric.base) })}
              index={metric.index}
              testId={`profile-metric-${metric.field}`}
            />
          );
        })}
      </SimpleGrid>
      {unknown.length > 0 && (
        <Text size="xs" c="dimmed" mt={-6} data-testid="profile-metrics-missing">
          {t('segments.profile.missingMetrics', { metrics: unknown.map((m) => m.label).join(', ') })}
        </Text>
      )}

      {profile.highlights.length > 0 && (
        <Paper p="md" data-testid="profile-highlights">
          <Title order={3} mb="xs">
            {t('segments.profile.highlights')}
          </Title>
          <List
            spacing={4}
            size="sm"
            icon={
              <ThemeIcon size={18} radius="xl" variant="light" color="brand">
                <IconSparkles size={12} />
              </ThemeIcon>
            }
          >
            {profile.highlights.map((highlight) => (
              <List.Item key={highlight}>{highlight}</List.Item>
            ))}
          </List>
        </Paper>
      )}

      {charts.length > 0 && (
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
          {charts.map(({ distribution, option }) => (
            <Paper p="sm" key={distribution.field} data-testid="profile-distribution" data-field={distribution.field}>
              <Title order={4}>{distribution.label}</Title>
              <Text size="xs" c="dimmed" mb={4}>
                {t('segments.profile.distributionHelp')}
              </Text>
              <Chart option={option} height={200} label={t('segments.profile.distributionAria', { label: distribution.label, name })} />
            </Paper>
          ))}
        </SimpleGrid>
      )}

      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        {SHARE_KEYS.map((key) => (
          <ShareTable key={key} kind={key} rows={profile[key]} format={format} />
        ))}
      </SimpleGrid>
    </Stack>
  );
}
