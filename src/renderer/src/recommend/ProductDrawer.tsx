import { Anchor, Badge, Drawer, Group, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProductView, RecommendProduct } from '../../../shared/recommend-schemas';
import { useApiQuery } from '../api/useApiQuery';
import { ErrorAlert } from '../components/ErrorAlert';
import { useFormat } from '../format/useFormat';

type Props = { productId: number | null; onClose: () => void };

/**
 * One product: who buys it, what is bought together with it (support, confidence, lift in plain words) and similar
 * products. Opening another product from its lists stays in the drawer (Back is the browser's or Escape).
 */
export function ProductDrawer({ productId, onClose }: Props) {
  const { t } = useTranslation();
  return (
    <Drawer
      opened={productId !== null}
      onClose={onClose}
      position="right"
      size={560}
      title={t('recommend.product.title')}
      closeButtonProps={{ 'aria-label': t('recommend.product.close') }}
      data-testid="product-drawer"
    >
      {productId !== null && <ProductBody key={productId} initial={productId} />}
    </Drawer>
  );
}

function ProductBody({ initial }: { initial: number }) {
  const [id, setId] = useState(initial);
  return <ProductDetails key={id} id={id} onOpen={setId} />;
}

function ProductDetails({ id, onOpen }: { id: number; onOpen: (id: number) => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const query = useApiQuery('recommend.product', { productId: id, n: 10 });
  const view = query.data;
  if (query.error) return <ErrorAlert error={query.error} title={t('recommend.product.loadFailed')} onRetry={query.refetch} />;
  if (!view) return <Skeleton h={320} />;
  return (
    <Stack gap="lg" data-testid="product-view" data-sku={view.product.sku}>
      <Stack gap={4}>
        <Title order={2} data-testid="product-name">
          {view.product.name}
        </Title>
        <Group gap="xs">
          <Text size="sm" c="dimmed">
            {t('recommend.product.sku', { sku: view.product.sku })}
          </Text>
          {view.product.category && (
            <Badge variant="light" size="sm">
              {view.product.category}
            </Badge>
          )}
        </Group>
        <Text size="sm" data-testid="product-buyers">
          {t('recommend.product.buyers', { buyers: format.integer(view.buyers), orders: format.integer(view.orders) })}
          {view.model && ` · ${t('recommend.product.recommendedTo', { customers: format.integer(view.recommendedTo) })}`}
        </Text>
      </Stack>
      {view.model === null ? (
        <Text size="sm" c="dimmed" data-testid="product-no-model">
          {t('recommend.product.noModel')}
        </Text>
      ) : (
        <>
          <Together view={view} onOpen={onOpen} />
          <Similar view={view} onOpen={onOpen} />
        </>
      )}
    </Stack>
  );
}

function ProductLink({ product, onOpen }: { product: RecommendProduct; onOpen: (id: number) => void }) {
  const { t } = useTranslation();
  return (
    <Anchor component="button" type="button" size="sm" fw={600} ta="left" onClick={() => onOpen(product.productId)} aria-label={t('recommend.section.open', { name: product.name })}>
      {product.name}
    </Anchor>
  );
}

function Together({ view, onOpen }: { view: ProductView; onOpen: (id: number) => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Section testId="product-together" title={t('recommend.product.together')} hint={t('recommend.product.togetherHint')} empty={view.together.length === 0 ? t('recommend.product.noneTogether') : null}>
      {view.together.map((rule) => (
        <Paper key={rule.productId} withBorder p="xs" data-testid="product-together-item">
          <Group justify="space-between" wrap="nowrap" align="flex-start">
            <Stack gap={2} miw={0}>
              <ProductLink product={rule} onOpen={onOpen} />
              <Text size="sm">
                {rule.lift > 1.05
                  ? t('recommend.product.togetherLine', { baskets: format.integer(rule.baskets), lift: format.decimal(rule.lift, 1) })
                  : t('recommend.product.togetherLineWeak', { baskets: format.integer(rule.baskets) })}
              </Text>
            </Stack>
            <Stack gap={0} align="flex-end" style={{ whiteSpace: 'nowrap' }}>
              <Text size="xs" c="dimmed">
                {t('recommend.product.confidence', { confidence: format.percent(rule.confidence) })}
              </Text>
              <Text size="xs" c="dimmed">
                {t('recommend.product.support', { support: `${format.decimal(rule.support * 100, 2)}%` })}
              </Text>
            </Stack>
          </Group>
        </Paper>
      ))}
    </Section>
  );
}

/** A titled part of the product view, with its hint, and what to say when it has nothing to show. */
function Section({ testId, title, hint, empty, children }: { testId: string; title: string; hint: string; empty: string | null; children: ReactNode }) {
  return (
    <Stack gap={6} data-testid={testId}>
      <Title order={4}>{title}</Title>
      <Text size="xs" c="dimmed">
        {hint}
      </Text>
      {empty !== null ? (
        <Text size="sm" c="dimmed">
          {empty}
        </Text>
      ) : (
        children
      )}
    </Stack>
  );
}

function Similar({ view, onOpen }: { view: ProductView; onOpen: (id: number) => void }) {
  const { t } = useTranslation();
  return (
    <Section testId="product-similar" title={t('recommend.product.similar')} hint={t('recommend.product.similarHint')} empty={view.similar.length === 0 ? t('recommend.product.noneSimilar') : null}>
      <Group gap="xs">
        {view.similar.map((s) => (
          <Paper key={s.productId} withBorder px="xs" py={4}>
            <Group gap={6} wrap="nowrap">
              <ProductLink product={s} onOpen={onOpen} />
              {s.category && (
                <Text size="xs" c="dimmed">
                  {s.category}
                </Text>
              )}
            </Group>
          </Paper>
        ))}
      </Group>
    </Section>
  );
}
