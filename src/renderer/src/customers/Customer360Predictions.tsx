import { Button, Group, List, Paper, Progress, SimpleGrid, Stack, Text, ThemeIcon, Title, Tooltip } from '@mantine/core';
import { IconArrowRight, IconTrendingDown, IconTrendingUp } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { CustomerScores } from '../../../shared/model-schemas';
import { navigate } from '../app/navigation';
import { useFormat } from '../format/useFormat';

type Figure = { key: string; label: string; value: string; caption: string; missing?: boolean };

const REASONS_SHOWN = 5;

/** A reason as a sentence: "customer for 1,088 days" → "Customer for 1,088 days". */
const sentence = (text: string): string => text.charAt(0).toLocaleUpperCase() + text.slice(1);
const PURCHASES_SHOWN = 6;

/** The active models' view of this customer: churn risk and why, lifetime value, RFM segment, purchase chances. */
export function Predictions({ scores, currency }: { scores: CustomerScores; currency: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const none = t('common.none');
  const scored = scores.churnRisk !== null || scores.pAlive !== null || scores.purchase.length > 0;
  const rfm = scores.rfmSegment && (
    <Text size="sm" data-testid="customer-360-rfm">
      <Text span c="dimmed" size="sm">
        {t('customer360.predictions.rfmSegment')}:
      </Text>{' '}
      <Text span fw={600} size="sm">
        {scores.rfmSegment}
      </Text>
    </Text>
  );
  const heading = (
    <Group justify="space-between" align="baseline">
      <Title order={4}>{t('customer360.predictions.title')}</Title>
      {rfm}
    </Group>
  );
  if (!scored) {
    return (
      <Stack gap={6} data-testid="customer-360-predictions" data-empty>
        {heading}
        <Group gap="sm" justify="space-between" wrap="nowrap">
          <Text size="sm" c="dimmed">
            {t('customer360.predictions.none')}
          </Text>
          <Button size="compact-sm" variant="light" rightSection={<IconArrowRight size={14} />} onClick={() => navigate('models')} style={{ flexShrink: 0 }}>
            {t('customer360.predictions.openLab')}
          </Button>
        </Group>
      </Stack>
    );
  }

  const months = scores.clvHorizonMonths === null ? '' : t('customer360.predictions.monthsCaption', { months: format.integer(scores.clvHorizonMonths) });
  const noModel = t('customer360.predictions.noModel');
  const figures: Figure[] = [
    {
      key: 'churn-risk',
      label: t('customer360.predictions.churnRisk'),
      value: scores.churnRisk === null ? none : format.percent(scores.churnRisk),
      caption:
        scores.churnRisk === null
          ? noModel
          : scores.churnHorizonDays === null
            ? ''
            : t('customer360.predictions.churnCaption', { days: format.integer(scores.churnHorizonDays) }),
      missing: scores.churnRisk === null,
    },
    {
      key: 'p-alive',
      label: t('customer360.predictions.pAlive'),
      value: scores.pAlive === null ? none : format.percent(scores.pAlive),
      caption:
        scores.pAlive === null
          ? noModel
          : scores.nextOrderDate === null
            ? t('customer360.predictions.pAliveCaption')
            : t('customer360.predictions.pAliveNextOrder', { date: format.date(scores.nextOrderDate) }),
      missing: scores.pAlive === null,
    },
    {
      key: 'expected-purchases',
      label: t('customer360.predictions.expectedPurchases'),
      value: scores.expectedPurchases === null ? none : format.decimal(scores.expectedPurchases, 1),
      caption: scores.expectedPurchases === null ? noModel : months,
      missing: scores.expectedPurchases === null,
    },
    {
      key: 'clv',
      label: t('customer360.predictions.clv'),
      value: scores.clv === null ? none : format.money(scores.clv, currency),
      caption: scores.clv === null ? noModel : months,
      missing: scores.clv === null,
    },
  ];

  return (
    <Stack gap="sm" data-testid="customer-360-predictions">
      {heading}
      <SimpleGrid cols={4} spacing="xs">
        {figures.map((figure) => (
          <Paper key={figure.key} p="xs" withBorder data-testid={`customer-360-${figure.key}`} data-missing={figure.missing || undefined}>
            <Text size="xs" c="dimmed" truncate="end">
              {figure.label}
            </Text>
            <Text fw={650} ta="right" className="tabular" truncate="end" title={figure.value}>
              {figure.value}
            </Text>
            <Text size="xs" c="dimmed" ta="right" lineClamp={2} mih={18} title={figure.caption}>
              {figure.caption}
            </Text>
          </Paper>
        ))}
      </SimpleGrid>
      {(scores.churnRisk === null || scores.pAlive === null) && (
        <Group gap="sm" justify="space-between" wrap="nowrap" data-testid="customer-360-missing-models">
          <Text size="xs" c="dimmed">
            {[scores.churnRisk === null ? t('customer360.predictions.noChurn') : null, scores.pAlive === null ? t('customer360.predictions.noClv') : null]
              .filter(Boolean)
              .join(' ')}
          </Text>
          <Button size="compact-xs" variant="subtle" rightSection={<IconArrowRight size={12} />} onClick={() => navigate('models')} style={{ flexShrink: 0 }}>
            {t('customer360.predictions.openLab')}
          </Button>
        </Group>
      )}
      {scores.reasons.length > 0 && <Reasons reasons={scores.reasons} />}
      {scores.purchase.length > 0 && <PurchaseChances purchase={scores.purchase} />}
    </Stack>
  );
}

function Reasons({ reasons }: { reasons: CustomerScores['reasons'] }) {
  const { t } = useTranslation();
  const shown = [...reasons].sort((a, b) => Math.abs(b.effect) - Math.abs(a.effect)).slice(0, REASONS_SHOWN);
  return (
    <Stack gap={6} data-testid="customer-360-reasons">
      <Text size="sm" fw={600}>
        {t('customer360.predictions.reasonsTitle')}
      </Text>
      <List spacing={6} size="sm" center>
        {shown.map((reason) => {
          const raises = reason.direction === 'raises';
          const label = t(raises ? 'customer360.predictions.raises' : 'customer360.predictions.lowers');
          return (
            <List.Item
              key={reason.feature}
              data-testid="customer-360-reason"
              data-direction={reason.direction}
              icon={
                <Tooltip label={label} withArrow>
                  <ThemeIcon size={20} radius="xl" variant="light" color={raises ? 'red' : 'teal'} aria-label={label} role="img">
                    {raises ? <IconTrendingUp size={14} /> : <IconTrendingDown size={14} />}
                  </ThemeIcon>
                </Tooltip>
              }
            >
              {sentence(reason.text)}
            </List.Item>
          );
        })}
      </List>
    </Stack>
  );
}

function PurchaseChances({ purchase }: { purchase: CustomerScores['purchase'] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const shown = [...purchase].sort((a, b) => b.probability - a.probability).slice(0, PURCHASES_SHOWN);
  return (
    <Stack gap={6} data-testid="customer-360-purchase">
      <Text size="sm" fw={600}>
        {t('customer360.predictions.purchaseTitle')}
      </Text>
      {shown.map((item) => (
        <Group key={item.category} gap="sm" wrap="nowrap">
          <Text size="sm" w={150} truncate="end" title={item.category}>
            {item.category}
          </Text>
          <Progress value={item.probability * 100} style={{ flex: 1 }} size="md" color="grape" aria-label={item.category} />
          <Text size="xs" c="dimmed" w={48} ta="right" className="tabular">
            {format.percent(item.probability)}
          </Text>
        </Group>
      ))}
    </Stack>
  );
}
