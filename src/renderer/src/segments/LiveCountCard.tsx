import { Badge, Group, Loader, Paper, Progress, RingProgress, Skeleton, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../format/useFormat';
import type { LiveCount } from './useLiveCount';

type Props = { live: LiveCount; currency: string; actions?: ReactNode };

/** How many customers the rule matches right now, and their share of customers and of revenue. */
export function LiveCountCard({ live, currency, actions }: Props) {
  const { t } = useTranslation();
  const format = useFormat();
  const { data, updating } = live;
  const state = updating ? 'updating' : live.error && live.error.code !== 'bad-input' ? 'error' : 'ready';
  return (
    <Paper p="md" data-testid="live-count" data-count={data?.count ?? ''} data-state={state} aria-live="polite" aria-busy={updating}>
      <Group justify="space-between" wrap="nowrap" gap="lg" align="center">
        <Group gap="xl" wrap="wrap" align="center">
          <Stack gap={0} miw={170}>
            <Group gap={6} wrap="nowrap">
              <Text size="xs" c="dimmed" fw={600} tt="uppercase" style={{ letterSpacing: '0.04em' }}>
                {t('segments.count.title')}
              </Text>
              {updating && (
                <Badge size="xs" variant="light" color="gray" leftSection={<Loader size={8} />} data-testid="live-count-updating">
                  {t('segments.count.updating')}
                </Badge>
              )}
            </Group>
            {data ? (
              <Text fz={28} fw={650} lh={1.2} className="tabular" data-testid="live-count-value" style={{ opacity: updating ? 0.55 : 1, transition: 'opacity 120ms' }}>
                {format.integer(data.count)}
              </Text>
            ) : (
              <Skeleton h={30} w={110} my={2} />
            )}
            <Text size="xs" c="dimmed" className="tabular">
              {data ? t('segments.count.ofTotal', { count: data.totalCustomers, total: format.integer(data.totalCustomers) }) : ' '}
            </Text>
          </Stack>
          <Group gap="sm" wrap="nowrap" align="center">
            <RingProgress
              size={64}
              thickness={7}
              roundCaps
              sections={[{ value: (data?.shareCustomers ?? 0) * 100, color: 'brand' }]}
              label={
                <Text size="xs" ta="center" fw={600} className="tabular">
                  {data ? format.percent(data.shareCustomers) : '–'}
                </Text>
              }
              aria-label={t('segments.count.shareCustomersAria', { share: data ? format.percent(data.shareCustomers) : '–' })}
            />
            <Text size="sm" c="dimmed" maw={110}>
              {t('segments.count.shareCustomers')}
            </Text>
          </Group>
          <Stack gap={4} w={220}>
            <Group justify="space-between" gap="xs" wrap="nowrap">
              <Text size="sm" c="dimmed">
                {t('segments.count.shareRevenue')}
              </Text>
              <Text size="sm" fw={600} className="tabular" data-testid="live-count-revenue-share">
                {data ? format.percent(data.shareRevenue) : '–'}
              </Text>
            </Group>
            <Progress value={(data?.shareRevenue ?? 0) * 100} color="teal" size="md" aria-label={t('segments.count.shareRevenue')} />
            <Text size="xs" c="dimmed" className="tabular">
              {data ? t('segments.count.revenue', { revenue: format.wholeMoney(data.revenue, currency) }) : ' '}
            </Text>
          </Stack>
        </Group>
        {actions && <div style={{ flexShrink: 0 }}>{actions}</div>}
      </Group>
    </Paper>
  );
}
