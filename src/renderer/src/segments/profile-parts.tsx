import { Badge, Paper, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { segmentFields, type SegmentField, type SegmentProfile } from '../../../shared/segment-schemas';
import type { Formatters } from '../format/formatters';
import type { FieldCatalog } from './field-catalog';

/** Index above this reads as "over-represented" (green), below INDEX_LOW as under-represented (red). */
export const INDEX_HIGH = 120;
export const INDEX_LOW = 80;

export const indexColour = (index: number | null): string | undefined =>
  index === null ? undefined : index > INDEX_HIGH ? 'teal' : index < INDEX_LOW ? 'red' : undefined;

/** An index (100 = like the whole base), coloured when it stands out. */
export function IndexValue({ index, testId }: { index: number | null; testId?: string }) {
  const { t } = useTranslation();
  const colour = indexColour(index);
  const text = index === null ? t('common.none') : String(Math.round(index));
  const hint = index === null ? t('segments.profile.indexNone') : t('segments.profile.indexHint', { index: text });
  return (
    <Tooltip label={hint} multiline w={240}>
      {colour ? (
        <Badge variant="light" color={colour} size="md" className="tabular" radius="sm" data-testid={testId} data-index={index ?? ''}>
          {text}
        </Badge>
      ) : (
        <Text span size="sm" className="tabular" px={8} data-testid={testId} data-index={index ?? ''}>
          {text}
        </Text>
      )}
    </Tooltip>
  );
}

const isField = (value: string): value is SegmentField => (segmentFields as readonly string[]).includes(value);

/** A profile metric as the marketer reads it: money, days, a percentage or a plain figure. */
export function metricFormatter(field: string, catalog: FieldCatalog, currency: string, format: Formatters): (value: number) => string {
  const unit = isField(field) ? catalog.unit(field) : 'none';
  if (unit === 'currency') return (v) => format.money(v, currency);
  if (unit === 'probability') return (v) => format.percent(v);
  if (unit === 'days') return (v) => format.decimal(v, 0);
  return (v) => format.decimal(v, Math.abs(v) >= 100 ? 0 : 1);
}

export type ShareKey = 'categories' | 'products' | 'countries' | 'rfm' | 'sentiment';
export const SHARE_KEYS: readonly ShareKey[] = ['categories', 'products', 'countries', 'rfm', 'sentiment'];
const TOP_ROWS = 8;

/** The values most typical of the segment, with their share in it, in the whole base, and the index. */
export function ShareTable({ kind, rows, format }: { kind: ShareKey; rows: SegmentProfile['categories']; format: Formatters }) {
  const { t } = useTranslation();
  const top = [...rows].sort((a, b) => b.segment - a.segment).slice(0, TOP_ROWS);
  return (
    <Paper p="sm" data-testid={`profile-share-${kind}`}>
      <Stack gap={6}>
        <div>
          <Title order={4}>{t(`segments.profile.shares.${kind}`)}</Title>
          <Text size="xs" c="dimmed">
            {t(`segments.profile.sharesHelp.${kind}`)}
          </Text>
        </div>
        {top.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('segments.profile.noShares')}
          </Text>
        ) : (
          <Table fz="sm" verticalSpacing={4} horizontalSpacing="xs" highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('segments.profile.columns.name')}</Table.Th>
                <Table.Th ta="right">{t('segments.profile.columns.segment')}</Table.Th>
                <Table.Th ta="right">{t('segments.profile.columns.base')}</Table.Th>
                <Table.Th ta="right">{t('segments.profile.columns.index')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {top.map((row) => (
                <Table.Tr key={row.name} data-testid="share-row" data-name={row.name}>
                  <Table.Td maw={180}>
                    <Text size="sm" truncate="end" title={row.name}>
                      {row.name}
                    </Text>
                  </Table.Td>
                  <Table.Td ta="right" className="tabular">
                    {format.percent(row.segment)}
                  </Table.Td>
                  <Table.Td ta="right" className="tabular" c="dimmed">
                    {format.percent(row.base)}
                  </Table.Td>
                  <Table.Td ta="right">
                    <IndexValue index={row.index} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Paper>
  );
}
