import { SimpleGrid } from '@mantine/core';
import { IconCoin, IconReceipt, IconReceiptRefund, IconShoppingCart, IconUsers } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { DashboardSummary } from '../../../shared/contract';
import { useFormat } from '../format/useFormat';
import { KpiCard, KpiCardSkeleton } from './KpiCard';

const COLUMNS = { base: 2, md: 3, lg: 5 };

export function KpiGrid({ summary }: { summary: DashboardSummary }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { currency } = summary;
  const returnShare = summary.orders > 0 ? summary.returns / summary.orders : null;
  return (
    <SimpleGrid cols={COLUMNS} spacing="md">
      <KpiCard
        label={t('dashboard.kpi.customers')}
        caption={t('dashboard.kpi.customersCaption')}
        icon={IconUsers}
        value={summary.customers}
        display={format.integer(summary.customers)}
        testId="kpi-customers"
      />
      <KpiCard
        label={t('dashboard.kpi.orders')}
        caption={t('dashboard.kpi.ordersCaption')}
        icon={IconShoppingCart}
        value={summary.orders}
        display={format.integer(summary.orders)}
        testId="kpi-orders"
      />
      <KpiCard
        label={t('dashboard.kpi.revenue')}
        caption={t('dashboard.kpi.revenueCaption')}
        icon={IconCoin}
        value={summary.revenue}
        display={format.wholeMoney(summary.revenue, currency)}
        title={format.money(summary.revenue, currency)}
        testId="kpi-revenue"
      />
      <KpiCard
        label={t('dashboard.kpi.aov')}
        caption={t('dashboard.kpi.aovCaption')}
        icon={IconReceipt}
        value={summary.avgOrderValue}
        display={summary.avgOrderValue === null ? t('common.none') : format.money(summary.avgOrderValue, currency)}
        testId="kpi-aov"
      />
      <KpiCard
        label={t('dashboard.kpi.returns')}
        caption={
          returnShare === null
            ? t('dashboard.kpi.returnsCaptionNone')
            : t('dashboard.kpi.returnsCaption', { share: format.percent(returnShare) })
        }
        icon={IconReceiptRefund}
        value={summary.returns}
        display={format.integer(summary.returns)}
        testId="kpi-returns"
      />
    </SimpleGrid>
  );
}

export function KpiGridSkeleton() {
  return (
    <SimpleGrid cols={COLUMNS} spacing="md">
      {Array.from({ length: 5 }, (_, index) => (
        <KpiCardSkeleton key={index} />
      ))}
    </SimpleGrid>
  );
}
