import { Anchor, Badge, Group, Paper, SegmentedControl, Select, Skeleton, Stack, Text, Textarea, Tooltip } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { AudienceInsight } from '../../../shared/copy-schemas';
import { useApiQuery } from '../api/useApiQuery';
import { navigate } from '../app/navigation';
import { ErrorAlert } from '../components/ErrorAlert';
import { useFormat } from '../format/useFormat';
import { useCopyStudio } from './CopyStudioContext';

/** Who the copy is for: a saved segment (its profile shown, and read by the generator) or a description. */
export function AudienceFields() {
  const { t } = useTranslation();
  const format = useFormat();
  const { draft, setDraft, segments, generation, hasCustomers } = useCopyStudio();
  const { audience } = draft;
  const error = generation.fieldErrors['audience.description'] ?? generation.fieldErrors['audience.segmentId'] ?? generation.fieldErrors['audience'];
  const setAudience = (patch: Partial<typeof audience>): void => {
    generation.clearFieldError('audience.description');
    generation.clearFieldError('audience.segmentId');
    generation.clearFieldError('audience');
    setDraft((d) => ({ ...d, audience: { ...d.audience, ...patch } }));
  };

  return (
    <Stack gap="sm">
      <SegmentedControl
        size="xs"
        value={audience.mode}
        onChange={(value) => setAudience({ mode: value === 'describe' ? 'describe' : 'segment' })}
        data={[
          { value: 'segment', label: t('copy.audience.modeSegment') },
          { value: 'describe', label: t('copy.audience.modeDescribe') },
        ]}
        data-testid="copy-audience-mode"
      />
      {audience.mode === 'segment' ? (
        <>
          <Select
            label={t('copy.audience.segment')}
            placeholder={segments && segments.length === 0 ? t('copy.audience.noSegments') : t('copy.audience.segmentPlaceholder')}
            data={(segments ?? []).map((s) => ({ value: String(s.id), label: s.name }))}
            renderOption={({ option }) => {
              const count = segments?.find((s) => String(s.id) === option.value)?.count;
              return (
                <Group justify="space-between" wrap="nowrap" gap="sm" w="100%">
                  <Text size="sm" truncate="end">
                    {option.label}
                  </Text>
                  {count !== undefined && (
                    <Text size="xs" c="dimmed" className="tabular" style={{ whiteSpace: 'nowrap' }}>
                      {t('copy.audience.customers', { count, formatted: format.integer(count) })}
                    </Text>
                  )}
                </Group>
              );
            }}
            value={audience.segmentId === null ? null : String(audience.segmentId)}
            onChange={(value) => setAudience({ segmentId: value === null ? null : Number(value) })}
            searchable
            clearable
            disabled={!hasCustomers || (segments !== undefined && segments.length === 0)}
            error={error}
            nothingFoundMessage={t('copy.audience.nothingFound')}
            data-testid="copy-audience-segment"
          />
          {segments && segments.length === 0 && hasCustomers && (
            <Text size="xs" c="dimmed">
              {t('copy.audience.noSegmentsHelp')}{' '}
              <Anchor component="button" type="button" size="xs" onClick={() => navigate('segments')}>
                {t('copy.audience.openSegments')}
              </Anchor>
            </Text>
          )}
          {audience.segmentId !== null && <InsightCard segmentId={audience.segmentId} />}
        </>
      ) : (
        <Textarea
          label={t('copy.audience.description')}
          placeholder={t('copy.audience.descriptionPlaceholder')}
          autosize
          minRows={2}
          maxRows={4}
          maxLength={500}
          value={audience.description}
          onChange={(e) => setAudience({ description: e.currentTarget.value })}
          error={error}
          data-testid="copy-audience-description"
        />
      )}
    </Stack>
  );
}

function InsightCard({ segmentId }: { segmentId: number }) {
  const { t } = useTranslation();
  const { draft } = useCopyStudio();
  const [product] = useDebouncedValue(draft.product.name.trim(), 600);
  const insight = useApiQuery('copy.audience', { segmentId, ...(product ? { product } : {}) });
  if (insight.error) return <ErrorAlert error={insight.error} title={t('copy.audience.insightFailed')} onRetry={insight.refetch} />;
  if (!insight.data) return <Skeleton h={120} />;
  return <InsightView insight={insight.data} />;
}

/** A segment's profile: size, what it buys, what its reviews praise and criticise, how recently it bought. */
export function InsightView({ insight }: { insight: AudienceInsight }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { draft, setDraft } = useCopyStudio();
  const benefits = draft.product.benefits;
  const addBenefit = (phrase: string): void =>
    setDraft((d) => (d.product.benefits.includes(phrase) ? d : { ...d, product: { ...d.product, benefits: [...d.product.benefits, phrase].slice(0, 12) } }));
  const chipRow = (label: string, items: string[], color: string, testId: string, onPick?: (item: string) => void) =>
    items.length > 0 && (
      <div data-testid={testId}>
        <Text size="xs" c="dimmed" mb={4}>
          {label}
        </Text>
        <Group gap={4}>
          {items.map((item) =>
            onPick ? (
              <Tooltip key={item} label={benefits.includes(item) ? t('copy.audience.inBenefits') : t('copy.audience.addBenefit')} openDelay={300}>
                <Badge
                  size="sm"
                  variant={benefits.includes(item) ? 'filled' : 'light'}
                  color={color}
                  tt="none"
                  fw={500}
                  component="button"
                  type="button"
                  style={{ cursor: 'pointer' }}
                  onClick={() => onPick(item)}
                  rightSection={benefits.includes(item) ? undefined : <IconPlus size={10} />}
                >
                  {item}
                </Badge>
              </Tooltip>
            ) : (
              <Badge key={item} size="sm" variant="light" color={color} tt="none" fw={500}>
                {item}
              </Badge>
            ),
          )}
        </Group>
      </div>
    );
  return (
    <Paper withBorder p="sm" data-testid="copy-audience-insight" data-customers={insight.customers}>
      <Stack gap="xs">
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Text size="sm" fw={600}>
            {insight.segmentName ?? t('copy.audience.everyone')}
          </Text>
          <Text size="sm" className="tabular" ta="right">
            {t('copy.audience.customers', { count: insight.customers, formatted: format.integer(insight.customers) })}
          </Text>
        </Group>
        {insight.description && (
          <Text size="xs" c="dimmed">
            {insight.description}
          </Text>
        )}
        {insight.medianRecencyDays !== null && (
          <Text size="xs" data-testid="copy-audience-recency">
            {t('copy.audience.recency', { days: format.integer(Math.round(insight.medianRecencyDays)) })}
          </Text>
        )}
        {chipRow(t('copy.audience.topCategories'), insight.topCategories, 'indigo', 'copy-audience-categories')}
        {chipRow(t('copy.audience.praise'), insight.praise, 'teal', 'copy-audience-praise', addBenefit)}
        {chipRow(t('copy.audience.complaints'), insight.complaints, 'red', 'copy-audience-complaints')}
        {insight.praise.length === 0 && insight.complaints.length === 0 && (
          <Text size="xs" c="dimmed">
            {t('copy.audience.noReviews')}
          </Text>
        )}
        <Text size="xs" c="dimmed">
          {t('copy.audience.feedsBrief')}
        </Text>
      </Stack>
    </Paper>
  );
}
