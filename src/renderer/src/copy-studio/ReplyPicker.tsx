import { Group, Input, Paper, Rating, SegmentedControl, Skeleton, Stack, Text, Textarea, TextInput, UnstyledButton } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { reviewPickSchema } from '../../../shared/copy-schemas';
import { useApiQuery } from '../api/useApiQuery';
import { ErrorAlert } from '../components/ErrorAlert';
import { useFormat } from '../format/useFormat';
import type { BriefDraft } from './brief-model';
import { useCopyStudio } from './CopyStudioContext';
import classes from './ReplyPicker.module.css';

type Review = z.infer<typeof reviewPickSchema>;
type Sentiment = 'any' | 'praise' | 'complaint';

/** What the reply answers: a real review of this workspace, or a message pasted in. */
export function ReplyPicker() {
  const { t } = useTranslation();
  const { draft, setDraft, generation, hasCustomers } = useCopyStudio();
  const { reply } = draft;
  const error = generation.fieldErrors['replyTo.text'] ?? generation.fieldErrors['replyTo'];
  const setReply = (patch: Partial<BriefDraft['reply']>): void => {
    generation.clearFieldError('replyTo.text');
    generation.clearFieldError('replyTo');
    setDraft((d) => ({ ...d, reply: { ...d.reply, ...patch } }));
  };
  return (
    <Paper withBorder p="sm" data-testid="copy-reply">
      <Stack gap="xs">
        <Group justify="space-between" gap="xs">
          <Input.Label required>{t('copy.reply.title')}</Input.Label>
          <SegmentedControl
            size="xs"
            value={reply.mode}
            onChange={(value) => setReply({ mode: value === 'paste' ? 'paste' : 'review' })}
            data={[
              { value: 'review', label: t('copy.reply.modeReview'), disabled: !hasCustomers },
              { value: 'paste', label: t('copy.reply.modePaste') },
            ]}
            data-testid="copy-reply-mode"
          />
        </Group>
        {reply.mode === 'review' && hasCustomers ? (
          <ReviewList
            selectedId={reply.reviewId}
            onPick={(review) => {
              setReply({ reviewId: review.id, text: review.text, rating: review.rating, customerId: review.customerId });
              if (review.product) setDraft((d) => ({ ...d, product: { ...d.product, name: review.product ?? d.product.name } }));
            }}
          />
        ) : (
          <>
            <Textarea
              aria-label={t('copy.reply.pasteLabel')}
              placeholder={t('copy.reply.pastePlaceholder')}
              autosize
              minRows={3}
              maxRows={8}
              maxLength={5000}
              value={reply.text}
              onChange={(e) => setReply({ text: e.currentTarget.value, reviewId: null, customerId: null })}
              data-testid="copy-reply-text"
            />
            <Group gap="xs">
              <Text size="xs" c="dimmed">
                {t('copy.reply.rating')}
              </Text>
              <Rating value={reply.rating ?? 0} onChange={(rating) => setReply({ rating: rating || null })} size="sm" data-testid="copy-reply-rating" />
            </Group>
          </>
        )}
        {error && (
          <Text size="xs" c="red" data-testid="copy-reply-error">
            {error}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}

function ReviewList({ selectedId, onPick }: { selectedId: number | null; onPick: (review: Review) => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [search, setSearch] = useState('');
  const [sentiment, setSentiment] = useState<Sentiment>('complaint');
  const [debounced] = useDebouncedValue(search.trim(), 300);
  const reviews = useApiQuery('copy.reviews', { ...(debounced ? { search: debounced } : {}), sentiment, limit: 30 });
  const list = reviews.data?.reviews;
  return (
    <Stack gap="xs">
      <Group gap="xs" wrap="nowrap">
        <TextInput
          aria-label={t('copy.reply.search')}
          placeholder={t('copy.reply.search')}
          leftSection={<IconSearch size={14} />}
          size="xs"
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          style={{ flex: 1 }}
          data-testid="copy-reply-search"
        />
        <SegmentedControl
          size="xs"
          value={sentiment}
          onChange={(value) => setSentiment(value === 'praise' ? 'praise' : value === 'any' ? 'any' : 'complaint')}
          data={[
            { value: 'complaint', label: t('copy.reply.complaints') },
            { value: 'praise', label: t('copy.reply.praise') },
            { value: 'any', label: t('copy.reply.any') },
          ]}
          data-testid="copy-reply-sentiment"
        />
      </Group>
      {reviews.error && <ErrorAlert error={reviews.error} onRetry={reviews.refetch} />}
      {!list && !reviews.error && <Skeleton h={160} />}
      {list && list.length === 0 && (
        <Text size="xs" c="dimmed" ta="center" py="sm">
          {t('copy.reply.noReviews')}
        </Text>
      )}
      {list && list.length > 0 && (
        <div className={classes.list} data-testid="copy-reply-reviews">
          <Stack gap={6} role="listbox" aria-label={t('copy.reply.listLabel')}>
            {list.map((review) => (
              <UnstyledButton
                key={review.id}
                className={classes.review}
                data-selected={review.id === selectedId || undefined}
                role="option"
                aria-selected={review.id === selectedId}
                onClick={() => onPick(review)}
                data-testid="copy-review"
                data-review-id={review.id}
              >
                <Group justify="space-between" gap="xs" wrap="nowrap">
                  <Group gap={6} wrap="nowrap" miw={0}>
                    {review.rating !== null && <Rating value={review.rating} readOnly size="xs" />}
                    <Text size="xs" fw={600} truncate="end">
                      {review.title ?? review.product ?? t('copy.reply.untitled')}
                    </Text>
                  </Group>
                  <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                    {format.date(review.reviewedAt.slice(0, 10))}
                  </Text>
                </Group>
                <Text size="xs" lineClamp={3} mt={2} data-testid="copy-review-text">
                  {review.text}
                </Text>
                {review.product && review.title && (
                  <Text size="xs" c="dimmed" mt={2} truncate="end">
                    {review.product}
                  </Text>
                )}
              </UnstyledButton>
            ))}
          </Stack>
        </div>
      )}
    </Stack>
  );
}
