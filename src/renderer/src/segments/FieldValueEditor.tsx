import { Group, MultiSelect, NumberInput, SegmentedControl, Select, TagsInput, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { SegmentField } from '../../../shared/segment-schemas';
import { userLocale } from '../format/formatters';
import type { FieldCatalog, FieldUnit } from './field-catalog';
import type { FieldDraft, NumberDraft } from './rule-model';

type Props = {
  draft: FieldDraft;
  catalog: FieldCatalog;
  currency: string;
  /** The field's name, for the inputs' labels ("Value of Orders"). */
  label: string;
  onChange: (change: Partial<FieldDraft>) => void;
};

/** The currency's own sign ("€", "$", "CHF") for a money box. */
export function currencySymbol(currency: string): string {
  try {
    return new Intl.NumberFormat(userLocale(), { style: 'currency', currency }).formatToParts(0).find((p) => p.type === 'currency')?.value ?? currency;
  } catch {
    return currency;
  }
}

const asNumberDraft = (value: string | number): NumberDraft => (typeof value === 'number' ? value : value === '' ? '' : Number.isFinite(Number(value)) ? Number(value) : '');
const withValue = (list: readonly string[], value: string): string[] => (value && !list.includes(value) ? [value, ...list] : [...list]);

/** A number box in the field's unit: money with its sign, days, or a percentage (sent as 0–1). */
function UnitNumber({ unit, currency, value, onChange, ariaLabel, testId }: { unit: FieldUnit; currency: string; value: string | NumberDraft | boolean; onChange: (v: NumberDraft) => void; ariaLabel: string; testId: string }) {
  const { t } = useTranslation();
  const shown = typeof value === 'number' || typeof value === 'string' ? value : '';
  return (
    <NumberInput
      size="sm"
      w={unit === 'days' ? 140 : 128}
      value={shown}
      onChange={(v) => onChange(asNumberDraft(v))}
      aria-label={ariaLabel}
      placeholder={unit === 'probability' ? '50' : '0'}
      leftSection={unit === 'currency' ? <Text size="xs" c="dimmed">{currencySymbol(currency)}</Text> : undefined}
      rightSection={unit === 'days' ? <Text size="xs" c="dimmed" pr={6}>{t('segments.units.days')}</Text> : unit === 'probability' ? <Text size="xs" c="dimmed">%</Text> : undefined}
      rightSectionWidth={unit === 'days' ? 44 : undefined}
      rightSectionPointerEvents="none"
      hideControls
      min={unit === 'probability' ? 0 : undefined}
      max={unit === 'probability' ? 100 : undefined}
      thousandSeparator=","
      data-testid={testId}
    />
  );
}

/** The value part of a field condition: what it shows depends on the field's kind, its unit and the operator. */
export function FieldValueEditor({ draft, catalog, currency, label, onChange }: Props) {
  const { t } = useTranslation();
  const field: SegmentField = draft.field;
  const kind = catalog.kind(field);
  const unit = catalog.unit(field);
  const picker = catalog.picker(field);
  const ariaValue = t('segments.builder.valueOf', { field: label });
  const { op } = draft;

  if (op === 'isNull' || op === 'notNull') return null;

  if (op === 'between') {
    const part = (which: 'low' | 'high') =>
      kind === 'date' ? (
        <TextInput
          type="date"
          size="sm"
          w={150}
          value={typeof draft[which] === 'string' ? (draft[which] as string) : ''}
          onChange={(e) => onChange({ [which]: e.currentTarget.value })}
          aria-label={t(which === 'low' ? 'segments.builder.lowOf' : 'segments.builder.highOf', { field: label })}
          data-testid={`condition-${which}`}
        />
      ) : (
        <UnitNumber
          unit={unit}
          currency={currency}
          value={draft[which]}
          onChange={(v) => onChange({ [which]: v })}
          ariaLabel={t(which === 'low' ? 'segments.builder.lowOf' : 'segments.builder.highOf', { field: label })}
          testId={`condition-${which}`}
        />
      );
    return (
      <Group gap={6} wrap="nowrap">
        {part('low')}
        <Text size="sm" c="dimmed">
          {t('segments.builder.and')}
        </Text>
        {part('high')}
      </Group>
    );
  }

  if (op === 'in' || op === 'notIn') {
    const common = {
      size: 'sm' as const,
      miw: 220,
      maw: 420,
      value: draft.list,
      onChange: (list: string[]) => onChange({ list }),
      'aria-label': ariaValue,
      placeholder: draft.list.length === 0 ? t('segments.builder.listPlaceholder') : undefined,
      'data-testid': 'condition-list',
    };
    return picker ? <MultiSelect {...common} data={withValueList(picker, draft.list)} searchable clearable /> : <TagsInput {...common} clearable />;
  }

  if (kind === 'boolean') {
    return (
      <SegmentedControl
        size="sm"
        value={draft.single === false ? 'no' : 'yes'}
        onChange={(v) => onChange({ single: v === 'yes' })}
        data={[
          { value: 'yes', label: t('common.yes') },
          { value: 'no', label: t('common.no') },
        ]}
        aria-label={ariaValue}
        data-testid="condition-boolean"
      />
    );
  }

  if (kind === 'number') {
    return <UnitNumber unit={unit} currency={currency} value={draft.single} onChange={(single) => onChange({ single })} ariaLabel={ariaValue} testId="condition-value" />;
  }

  if (kind === 'date') {
    return (
      <TextInput
        type="date"
        size="sm"
        w={160}
        value={typeof draft.single === 'string' ? draft.single : ''}
        onChange={(e) => onChange({ single: e.currentTarget.value })}
        aria-label={ariaValue}
        data-testid="condition-value"
      />
    );
  }

  const text = typeof draft.single === 'string' ? draft.single : '';
  if (picker && op !== 'contains') {
    return (
      <Select
        size="sm"
        w={220}
        data={withValue(picker, text)}
        value={text || null}
        onChange={(v) => onChange({ single: v ?? '' })}
        searchable
        aria-label={ariaValue}
        placeholder={t('segments.builder.pick')}
        nothingFoundMessage={t('segments.builder.nothingFound')}
        data-testid="condition-value"
      />
    );
  }
  return (
    <TextInput
      size="sm"
      w={220}
      value={text}
      onChange={(e) => onChange({ single: e.currentTarget.value })}
      aria-label={ariaValue}
      placeholder={t('segments.builder.typeValue')}
      data-testid="condition-value"
    />
  );
}

const withValueList = (picker: readonly string[], values: readonly string[]): string[] => {
  const extra = values.filter((v) => !picker.includes(v));
  return [...extra, ...picker];
};
