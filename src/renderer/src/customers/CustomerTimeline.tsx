import { Badge, Group, Rating, Stack, Text, ThemeIcon, Timeline, Title } from '@mantine/core';
import { IconMail, IconReceiptRefund, IconShoppingBag, IconStar, type Icon } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Customer360, TimelineEvent } from '../../../shared/customer-schemas';
import { useFormat } from '../format/useFormat';
import { SENTIMENT_COLOURS, type SentimentLabel } from '../reviews/sentiment-colours';

const TYPES: Record<TimelineEvent['type'], { icon: Icon; color: string }> = {
  order: { icon: IconShoppingBag, color: 'brand' },
  return: { icon: IconReceiptRefund, color: 'orange' },
  review: { icon: IconStar, color: 'yellow' },
  campaign: { icon: IconMail, color: 'grape' },
};

/** A review's sentiment from the text analysis: its label, coloured, with the score on hover. */
export function SentimentBadge({ score, label }: { score: number; label: SentimentLabel }) {
  const { t } = useTranslation();
  return (
    <Badge size="xs" variant="light" color={SENTIMENT_COLOURS[label]} title={t('reviews.scoreTitle', { score: score.toFixed(2) })} data-testid="review-sentiment" data-label={label}>
      {t(`reviews.labels.${label}`)}
    </Badge>
  );
}

/** Orders, returns, reviews and campaign messages, newest first. */
export function CustomerTimeline({ data, currency }: { data: Customer360; currency: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { timeline, timelineTotal, campaigns } = data;
  return (
    <Stack gap={6} data-testid="customer-360-timeline">
      <Group justify="space-between" align="baseline">
        <Title order={4}>{t('customer360.timeline.title')}</Title>
        {campaigns.sent > 0 && (
          <Text size="xs" c="dimmed" className="tabular">
            {t('customer360.timeline.campaigns', {
              sent: format.integer(campaigns.sent),
              opened: format.integer(campaigns.opened),
              clicked: format.integer(campaigns.clicked),
              converted: format.integer(campaigns.converted),
            })}
          </Text>
        )}
      </Group>
      {timeline.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('customer360.timeline.empty')}
        </Text>
      ) : (
        <Timeline bulletSize={24} lineWidth={2} mt={4}>
          {timeline.map((event, index) => {
            const { icon: TypeIcon, color } = TYPES[event.type];
            return (
              <Timeline.Item
                key={`${event.at}-${index}`}
                bullet={
                  <ThemeIcon size={24} radius="xl" variant="light" color={color}>
                    <TypeIcon size={13} />
                  </ThemeIcon>
                }
                data-testid="timeline-event"
                data-type={event.type}
              >
                <Group justify="space-between" wrap="nowrap" gap="sm" align="flex-start">
                  <Stack gap={0} miw={0}>
                    <Text size="sm" fw={500} lineClamp={1} title={event.title}>
                      {event.title}
                    </Text>
                    {(event.rating !== null || event.sentiment !== undefined) && (
                      <Group gap={6} wrap="nowrap">
                        {event.rating !== null && <Rating value={event.rating} readOnly size="xs" aria-label={t('customer360.timeline.stars', { count: event.rating })} />}
                        {event.sentiment !== undefined && <SentimentBadge {...event.sentiment} />}
                      </Group>
                    )}
                    {event.detail && (
                      <Text size="xs" c="dimmed" lineClamp={2}>
                        {event.detail}
                      </Text>
                    )}
                  </Stack>
                  <Stack gap={0} align="flex-end" style={{ flexShrink: 0 }}>
                    {event.amount !== null && (
                      <Text size="sm" fw={500} className="tabular" c={event.type === 'return' ? 'orange' : undefined}>
                        {format.money(event.amount, currency)}
                      </Text>
                    )}
                    <Text size="xs" c="dimmed">
                      {format.date(event.at.slice(0, 10))}
                    </Text>
                  </Stack>
                </Group>
              </Timeline.Item>
            );
          })}
        </Timeline>
      )}
      {timelineTotal > timeline.length && (
        <Text size="xs" c="dimmed">
          {t('customer360.timeline.more', { shown: format.integer(timeline.length), total: format.integer(timelineTotal) })}
        </Text>
      )}
    </Stack>
  );
}
