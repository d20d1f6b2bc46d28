import { Paper, SimpleGrid, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { HOLDOUT_ARM, type CampaignReport } from '../../../../shared/campaign-schemas';
import { useFormat } from '../../format/useFormat';

type Incremental = NonNullable<CampaignReport['incremental']>;

/** What the campaign added against the group that received nothing: orders and revenue that would not have happened. */
export function IncrementalCard({ incremental, currency }: { incremental: Incremental; currency: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const against = incremental.against === HOLDOUT_ARM ? t('campaigns.report.theHoldout') : t('campaigns.report.theArm', { name: incremental.against });
  const orders = (v: number): string => format.integer(v);
  const money = (v: number): string => format.wholeMoney(v, currency);
  return (
    <Paper p="md" data-testid="campaign-report-incremental" data-orders={incremental.orders.mean} data-revenue={incremental.revenue.mean}>
      <Title order={3}>{t('campaigns.report.incrementalTitle')}</Title>
      <Text size="xs" c="dimmed" mb="sm">
        {t('campaigns.report.incrementalHelp', { against })}
      </Text>
      <SimpleGrid cols={2} spacing="md" maw={640}>
        {(
          [
            ['orders', t('campaigns.report.incrementalOrders'), incremental.orders, orders],
            ['revenue', t('campaigns.report.incrementalRevenue'), incremental.revenue, money],
          ] as const
        ).map(([key, label, value, show]) => (
          <Paper key={key} withBorder p="sm">
            <Text size="xs" c="dimmed" fw={500}>
              {label}
            </Text>
            <Text fz={24} fw={650} ta="right" className="tabular" c={value.low > 0 ? 'teal' : undefined} data-testid={`campaign-report-incremental-${key}`}>
              {show(value.mean)}
            </Text>
            <Text size="xs" c="dimmed" ta="right" className="tabular">
              {t('campaigns.report.range', { low: show(value.low), high: show(value.high) })}
            </Text>
          </Paper>
        ))}
      </SimpleGrid>
    </Paper>
  );
}
