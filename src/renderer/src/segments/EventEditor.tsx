import { Group, NumberInput, Select, Text, TextInput } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldCatalog } from './field-catalog';
import type { EventDraft, NumberDraft, Response, Sentiment } from './rule-model';

type Props = { draft: EventDraft; catalog: FieldCatalog; onChange: (change: Partial<EventDraft>) => void };

const toDraft = (value: string | number): NumberDraft => (typeof value === 'number' ? value : value === '' ? '' : Number.isFinite(Number(value)) ? Number(value) : '');

/** A small labelled number box: "at least [2] times", "in the last [365] days". */
function Count({ before, after, value, onChange, label, min, max, placeholder, testId }: { before?: string; after?: string; value: NumberDraft; onChange: (v: NumberDraft) => void; label: string; min: number; max: number; placeholder?: string; testId: string }) {
  return (
    <Group gap={6} wrap="nowrap">
      {before && (
        <Text size="sm" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
          {before}
        </Text>
      )}
      <NumberInput size="sm" w={placeholder ? 96 : 72} value={value} onChange={(v) => onChange(toDraft(v))} min={min} max={max} allowDecimal={false} allowNegative={false} hideControls aria-label={label} placeholder={placeholder} data-testid={testId} />
      {after && (
        <Text size="sm" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
          {after}
        </Text>
      )}
    </Group>
  );
}

/** The parameters of an event condition: what was bought, which campaign and response, which reviews; and when. */
export function EventEditor({ draft, catalog, onChange }: Props) {
  const { t } = useTranslation();
  const campaigns = catalog.options?.campaigns ?? [];
  const categories = catalog.options?.categories ?? [];
  const themes = catalog.options?.themes ?? [];
  const within = (
    <Count
      before={t('segments.events.withinBefore')}
      after={t('segments.units.days')}
      value={draft.withinDays}
      onChange={(withinDays) => onChange({ withinDays })}
      label={t('segments.events.withinLabel')}
      min={1}
      max={36_500}
      placeholder={t('segments.events.anyTime')}
      testId="event-within"
    />
  );
  const campaignPicker = (
    <Select
      size="sm"
      w={220}
      data={campaigns.map((c) => ({ value: c.id, label: c.name }))}
      value={draft.campaign || null}
      onChange={(v) => onChange({ campaign: v ?? '' })}
      clearable
      searchable
      placeholder={t('segments.events.anyCampaign')}
      aria-label={t('segments.events.campaignLabel')}
      nothingFoundMessage={t('segments.builder.nothingFound')}
      data-testid="event-campaign"
    />
  );

  const categoryPicker = (
    <Select
      size="sm"
      w={180}
      data={draft.category && !categories.includes(draft.category) ? [draft.category, ...categories] : categories}
      value={draft.category || null}
      onChange={(v) => onChange({ category: v ?? '' })}
      searchable
      placeholder={t('segments.builder.pick')}
      aria-label={draft.event === 'recommended' ? t('segments.events.recommendedCategoryLabel') : t('segments.events.categoryLabel')}
      nothingFoundMessage={t('segments.builder.nothingFound')}
      data-testid="event-category"
    />
  );

  let parts: ReactNode;
  switch (draft.event) {
    case 'purchased':
      parts = (
        <>
          <Select
            size="sm"
            w={150}
            data={(['category', 'product', 'any'] as const).map((value) => ({ value, label: t(`segments.events.itemMode.${value}`) }))}
            value={draft.itemMode}
            onChange={(v) => v && onChange({ itemMode: v as EventDraft['itemMode'] })}
            allowDeselect={false}
            aria-label={t('segments.events.itemModeLabel')}
            data-testid="event-item-mode"
          />
          {draft.itemMode === 'category' && categoryPicker}
          {draft.itemMode === 'product' && (
            <TextInput
              size="sm"
              w={200}
              value={draft.product}
              onChange={(e) => onChange({ product: e.currentTarget.value })}
              placeholder={t('segments.events.productPlaceholder')}
              aria-label={t('segments.events.productLabel')}
              data-testid="event-product"
            />
          )}
          <Count before={t('segments.events.atLeast')} value={draft.minTimes} onChange={(minTimes) => onChange({ minTimes })} label={t('segments.events.minTimesLabel')} min={0} max={1_000_000} testId="event-min-times" />
          <Count before={t('segments.events.atMost')} after={t('segments.events.times')} value={draft.maxTimes} onChange={(maxTimes) => onChange({ maxTimes })} label={t('segments.events.maxTimesLabel')} min={0} max={1_000_000} placeholder={t('segments.events.noLimit')} testId="event-max-times" />
          {within}
        </>
      );
      break;
    case 'received':
      parts = (
        <>
          {campaignPicker}
          {within}
        </>
      );
      break;
    case 'responded':
      parts = (
        <>
          <Select
            size="sm"
            w={130}
            data={(['opened', 'clicked', 'converted'] as const).map((value) => ({ value, label: t(`segments.events.response.${value}`) }))}
            value={draft.response}
            onChange={(v) => v && onChange({ response: v as Response })}
            allowDeselect={false}
            aria-label={t('segments.events.responseLabel')}
            data-testid="event-response"
          />
          {campaignPicker}
          {within}
        </>
      );
      break;
    case 'reviewed':
      parts = (
        <>
          <Select
            size="sm"
            w={150}
            data={(['any', 'sentiment', 'stars', 'theme', 'average'] as const).map((value) => ({ value, label: t(`segments.events.reviewMode.${value}`) }))}
            value={draft.reviewMode}
            onChange={(v) => v && onChange({ reviewMode: v as EventDraft['reviewMode'] })}
            allowDeselect={false}
            aria-label={t('segments.events.reviewModeLabel')}
            data-testid="event-review-mode"
          />
          {draft.reviewMode === 'sentiment' && (
            <Select
              size="sm"
              w={130}
              data={(['positive', 'neutral', 'negative'] as const).map((value) => ({ value, label: t(`segments.events.sentiment.${value}`) }))}
              value={draft.sentiment}
              onChange={(v) => v && onChange({ sentiment: v as Sentiment })}
              allowDeselect={false}
              aria-label={t('segments.events.sentimentLabel')}
              data-testid="event-sentiment"
            />
          )}
          {draft.reviewMode === 'theme' && (
            <Select
              size="sm"
              w={220}
              data={themes}
              value={draft.theme || null}
              onChange={(v) => onChange({ theme: v ?? '' })}
              searchable
              placeholder={themes.length ? t('segments.events.themePick') : t('segments.events.noThemes')}
              aria-label={t('segments.events.themeLabel')}
              nothingFoundMessage={t('segments.builder.nothingFound')}
              data-testid="event-theme"
            />
          )}
          {draft.reviewMode === 'average' && (
            <>
              <Text size="sm" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                {t('segments.events.avgFrom')}
              </Text>
              <NumberInput size="sm" w={72} value={draft.minAvgSentiment} onChange={(v) => onChange({ minAvgSentiment: toDraft(v) })} min={0} max={1} step={0.05} decimalScale={2} allowNegative={false} hideControls placeholder="0" aria-label={t('segments.events.minAvgLabel')} data-testid="event-min-avg" />
              <Text size="sm" c="dimmed">
                {t('segments.events.starsTo')}
              </Text>
              <NumberInput size="sm" w={72} value={draft.maxAvgSentiment} onChange={(v) => onChange({ maxAvgSentiment: toDraft(v) })} min={0} max={1} step={0.05} decimalScale={2} allowNegative={false} hideControls placeholder="1" aria-label={t('segments.events.maxAvgLabel')} data-testid="event-max-avg" />
              <Text size="sm" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                {t('segments.events.avgScale')}
              </Text>
            </>
          )}
          {draft.reviewMode === 'stars' && (
            <>
              <Count before={t('segments.events.starsFrom')} value={draft.minRating} onChange={(minRating) => onChange({ minRating })} label={t('segments.events.minStarsLabel')} min={1} max={5} testId="event-min-rating" />
              <Count before={t('segments.events.starsTo')} after={t('segments.events.stars')} value={draft.maxRating} onChange={(maxRating) => onChange({ maxRating })} label={t('segments.events.maxStarsLabel')} min={1} max={5} testId="event-max-rating" />
            </>
          )}
          {within}
        </>
      );
      break;
    case 'recommended':
      parts = (
        <>
          <Text size="sm" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
            {t('segments.events.recommendedBefore')}
          </Text>
          {categoryPicker}
          <Select
            size="sm"
            w={150}
            data={(['any', 'discover', 'buy-again'] as const).map((value) => ({ value, label: t(`segments.events.recommendedList.${value}`) }))}
            value={draft.recommendedList}
            onChange={(v) => v && onChange({ recommendedList: v as EventDraft['recommendedList'] })}
            allowDeselect={false}
            aria-label={t('segments.events.recommendedListLabel')}
            data-testid="event-recommended-list"
          />
          <Count before={t('segments.events.recommendedTopBefore')} value={draft.recommendedTop} onChange={(recommendedTop) => onChange({ recommendedTop })} label={t('segments.events.recommendedTopLabel')} min={1} max={50} placeholder={t('segments.events.recommendedTopAll')} testId="event-recommended-top" />
        </>
      );
      break;
  }
  // The parts flow on in the condition's own row, wrapping where the width runs out.
  return <>{parts}</>;
}
