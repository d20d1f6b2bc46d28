import { Group, MultiSelect, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Segment } from '../../../shared/segment-schemas';
import { useFormat } from '../format/useFormat';

type Props = {
  segments: Segment[] | undefined;
  value: number[];
  onChange: (ids: number[]) => void;
  label: string;
  description?: string;
  disabled?: boolean;
  error?: string | undefined;
  testId: string;
};

/** Saved segments to send to, each with its size; none chosen means everyone (the exclusions still apply). */
export function SegmentsSelect({ segments, value, onChange, label, description, disabled, error, testId }: Props) {
  const { t } = useTranslation();
  const format = useFormat();
  const counts = new Map((segments ?? []).map((s) => [String(s.id), s.count]));
  return (
    <MultiSelect
      label={label}
      description={description}
      data={(segments ?? []).map((s) => ({ value: String(s.id), label: s.name }))}
      value={value.map(String)}
      onChange={(values) => onChange(values.map(Number))}
      renderOption={({ option }) => (
        <Group justify="space-between" wrap="nowrap" gap="sm" w="100%">
          <Text size="sm" truncate="end">
            {option.label}
          </Text>
          <Text size="xs" c="dimmed" className="tabular" style={{ whiteSpace: 'nowrap' }}>
            {t('campaigns.segments.customers', { count: counts.get(option.value) ?? 0, formatted: format.integer(counts.get(option.value) ?? 0) })}
          </Text>
        </Group>
      )}
      placeholder={value.length === 0 ? (segments && segments.length === 0 ? t('campaigns.segments.none') : t('campaigns.segments.everyone')) : undefined}
      searchable
      clearable
      maxValues={20}
      disabled={disabled}
      error={error}
      nothingFoundMessage={t('campaigns.segments.nothingFound')}
      data-testid={testId}
    />
  );
}
