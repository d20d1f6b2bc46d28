import { Select } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { SegmentRule } from '../../../shared/segment-schemas';
import { useFormat } from '../format/useFormat';
import { toRule } from './rule-model';
import { useSegments } from './SegmentsContext';
import type { SegmentRefKey } from './segments-route';

type Props = { label: string; value: SegmentRefKey | null; onChange: (value: SegmentRefKey | null) => void; testId: string; w?: number };

/** Picks a saved segment, or the (unsaved) rule in the builder. */
export function SegmentPicker({ label, value, onChange, testId, w = 300 }: Props) {
  const { t } = useTranslation();
  const format = useFormat();
  const { segments, draft } = useSegments();
  const draftUsable = useMemo(() => toRule(draft).conditions > 0, [draft]);
  const data = [
    {
      group: t('segments.picker.saved'),
      items: (segments ?? []).map((s) => ({ value: String(s.id), label: t('segments.picker.option', { name: s.name, customers: format.integer(s.count) }) })),
    },
    { group: t('segments.picker.builder'), items: [{ value: 'draft', label: t('segments.picker.draft'), disabled: !draftUsable }] },
  ];
  return (
    <Select
      label={label}
      w={w}
      data={data}
      value={value === null ? null : String(value)}
      onChange={(next) => onChange(next === null ? null : next === 'draft' ? 'draft' : Number(next))}
      searchable
      placeholder={t('segments.picker.placeholder')}
      nothingFoundMessage={t('segments.builder.nothingFound')}
      data-testid={testId}
    />
  );
}

/** The contract's reference for a picked key, and the name to show for it. */
export function useResolvedRef(key: SegmentRefKey | null): { ref: { id: number } | { rule: SegmentRule }; name: string } | null {
  const { t } = useTranslation();
  const { segments, draft } = useSegments();
  return useMemo(() => {
    if (key === null) return null;
    if (key === 'draft') {
      const compiled = toRule(draft);
      return compiled.conditions > 0 ? { ref: { rule: compiled.rule }, name: t('segments.picker.draftName') } : null;
    }
    const segment = segments?.find((s) => s.id === key);
    return { ref: { id: key }, name: segment?.name ?? t('segments.picker.unknown', { id: String(key) }) };
  }, [key, draft, segments, t]);
}
