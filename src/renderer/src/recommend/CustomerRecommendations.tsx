import { Alert, Anchor, Badge, Button, Group, Paper, SimpleGrid, Skeleton, Stack, Text, Title, Tooltip } from '@mantine/core';
import { IconSparkles } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RecommendedItem } from '../../../shared/recommend-schemas';
import { useApiQuery } from '../api/useApiQuery';
import { navigate } from '../app/navigation';
import { ErrorAlert } from '../components/ErrorAlert';
import { useFormat } from '../format/useFormat';
import { ProductDrawer } from './ProductDrawer';

const SHOWN = 5;

/** The customer 360's recommendations: products new to them and products to buy again; each opens its product view. */
export function CustomerRecommendations({ customerId }: { customerId: number }) {
  const { t } = useTranslation();
  const format = useFormat();
  const query = useApiQuery('recommend.forCustomer', { customerId, n: SHOWN });
  const [productId, setProductId] = useState<number | null>(null);
  const data = query.data;
  if (query.error) return <ErrorAlert error={query.error} title={t('recommend.section.title')} onRetry={query.refetch} />;
  return (
    <Stack gap={6} data-testid="customer-360-recommendations" data-trained={data ? data.model !== null : undefined}>
      <Group justify="space-between">
        <Title order={4}>{t('recommend.section.title')}</Title>
        {data?.model && (
          <Text size="xs" c="dimmed">
            {t('recommend.section.model', { version: String(data.model.version), algorithm: data.model.algorithm, date: format.date(data.model.createdAt.slice(0, 10)) })}
          </Text>
        )}
      </Group>
      {!data ? (
        <Skeleton h={90} />
      ) : data.model === null ? (
        <Alert variant="light" color="gray" icon={<IconSparkles size={18} />} title={t('recommend.section.emptyTitle')} data-testid="customer-360-recommendations-empty">
          <Stack gap="xs" align="flex-start">
            <Text size="sm">{t('recommend.section.emptyText')}</Text>
            <Button size="compact-sm" variant="light" onClick={() => navigate('models')}>
              {t('recommend.section.openModels')}
            </Button>
          </Stack>
        </Alert>
      ) : (
        <SimpleGrid cols={2} spacing="sm">
          <List title={t('recommend.section.discover')} items={data.discover} none={t('recommend.section.noneDiscover')} onOpen={setProductId} testId="recommendations-discover" />
          <List title={t('recommend.section.buyAgain')} items={data.buyAgain} none={t('recommend.section.noneBuyAgain')} onOpen={setProductId} testId="recommendations-buy-again" />
        </SimpleGrid>
      )}
      <ProductDrawer productId={productId} onClose={() => setProductId(null)} />
    </Stack>
  );
}

function List({ title, items, none, onOpen, testId }: { title: string; items: RecommendedItem[]; none: string; onOpen: (id: number) => void; testId: string }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="xs" data-testid={testId}>
      <Text size="xs" fw={600} c="dimmed" tt="uppercase" mb={4}>
        {title}
      </Text>
      {items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {none}
        </Text>
      ) : (
        <Stack gap={4}>
          {items.map((item) => (
            <Group key={item.productId} gap={6} wrap="nowrap" justify="space-between" data-testid="recommendation-item">
              <Stack gap={0} miw={0}>
                <Anchor component="button" type="button" size="sm" ta="left" onClick={() => onOpen(item.productId)} aria-label={t('recommend.section.open', { name: item.name })} truncate="end">
                  {item.name}
                </Anchor>
                {item.category && (
                  <Text size="xs" c="dimmed" truncate="end">
                    {item.category}
                  </Text>
                )}
              </Stack>
              {item.source === 'popular' && (
                <Tooltip label={t('recommend.section.popularHint')} multiline w={260}>
                  <Badge size="xs" variant="light" color="gray">
                    {t('recommend.section.popular')}
                  </Badge>
                </Tooltip>
              )}
            </Group>
          ))}
        </Stack>
      )}
    </Paper>
  );
}
