import { ActionIcon, Badge, Button, Group, Paper, Rating, ScrollArea, Select, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { IconX } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReviewFilter, ThemeQuotes as Quotes } from '../../../shared/review-schemas';
import { useApi } from '../api/useApi';
import { toApiError, type ApiError } from '../api/api-error';
import { ErrorAlert } from '../components/ErrorAlert';
import { useFormat } from '../format/useFormat';
import { SENTIMENT_COLOURS } from './sentiment-colours';

const PAGE = 20;
type Order = 'newest' | 'negative' | 'positive';

/** The sentences behind one theme, in the filtered reviews, a page at a time; Escape closes. */
export function ThemeQuotes({ themeId, filter, onClose }: { themeId: number; filter: ReviewFilter; onClose: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const format = useFormat();
  const [order, setOrder] = useState<Order>('newest');
  const [pages, setPages] = useState<Quotes | null>(null);
  const [error, setError] = useState<ApiError>();
  const [loadingMore, setLoadingMore] = useState(false);
  useHotkeys([['Escape', onClose]]);
  const filterKey = JSON.stringify(filter);

  useEffect(() => {
    let live = true;
    setPages(null);
    setError(undefined);
    api
      .invoke('reviews.quotes', { themeId, filter: JSON.parse(filterKey) as ReviewFilter, order, offset: 0, limit: PAGE })
      .then((value) => live && setPages(value))
      .catch((reason: unknown) => live && setError(toApiError(reason)));
    return () => {
      live = false;
    };
  }, [api, themeId, filterKey, order]);

  const more = async (): Promise<void> => {
    if (!pages) return;
    setLoadingMore(true);
    try {
      const next = await api.invoke('reviews.quotes', { themeId, filter, order, offset: pages.quotes.length, limit: PAGE });
      setPages({ ...next, quotes: [...pages.quotes, ...next.quotes] });
    } catch (reason) {
      setError(toApiError(reason));
    } finally {
      setLoadingMore(false);
    }
  };

  return (
    <Paper p="md" withBorder data-testid="reviews-quotes" h="100%">
      <Group justify="space-between" wrap="nowrap" mb="xs">
        <Title order={3} lineClamp={1}>
          {pages ? t('reviews.quotes.title', { phrase: pages.theme.phrase }) : t('reviews.quotes.loading')}
        </Title>
        <ActionIcon variant="subtle" onClick={onClose} aria-label={t('reviews.quotes.close')} data-testid="reviews-quotes-close">
          <IconX size={16} />
        </ActionIcon>
      </Group>
      <Group justify="space-between" mb="sm">
        <Text size="sm" c="dimmed" data-testid="reviews-quotes-total">
          {pages ? t('reviews.quotes.total', { count: pages.total }) : ''}
        </Text>
        <Select
          size="xs"
          w={170}
          data={(['newest', 'negative', 'positive'] as const).map((value) => ({ value, label: t(`reviews.quotes.order.${value}`) }))}
          value={order}
          onChange={(v) => v && setOrder(v as Order)}
          allowDeselect={false}
          aria-label={t('reviews.quotes.orderLabel')}
          data-testid="reviews-quotes-order"
        />
      </Group>
      {error && <ErrorAlert error={error} />}
      {!pages && !error && <Skeleton h={300} />}
      {pages && (
        <ScrollArea.Autosize mah={520} type="auto">
          <Stack gap="sm">
            {pages.quotes.map((q) => (
              <Stack key={q.reviewId} gap={2} data-testid="reviews-quote" style={{ borderLeft: `3px solid var(--mantine-color-${q.label ? SENTIMENT_COLOURS[q.label] : 'gray'}-5)`, paddingLeft: 10 }}>
                <Text size="sm">“{q.quote}”</Text>
                <Group gap={8}>
                  {q.label && (
                    <Badge size="xs" variant="light" color={SENTIMENT_COLOURS[q.label]}>
                      {t(`reviews.labels.${q.label}`)}
                    </Badge>
                  )}
                  {q.rating !== null && <Rating value={q.rating} readOnly size="xs" aria-label={t('customer360.timeline.stars', { count: q.rating })} />}
                  <Text size="xs" c="dimmed">
                    {[q.product, q.customerId, format.date(q.reviewedAt.slice(0, 10))].filter(Boolean).join(' · ')}
                  </Text>
                </Group>
              </Stack>
            ))}
            {pages.quotes.length < pages.total && (
              <Button variant="default" size="xs" onClick={() => void more()} loading={loadingMore} data-testid="reviews-quotes-more">
                {t('reviews.quotes.more', { shown: format.integer(pages.quotes.length), total: format.integer(pages.total) })}
              </Button>
            )}
          </Stack>
        </ScrollArea.Autosize>
      )}
    </Paper>
  );
}
