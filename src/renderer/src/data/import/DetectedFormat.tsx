import { Badge, Button, Grid, Group, Paper, ScrollArea, Select, Stack, Table, Text, ThemeIcon, Title } from '@mantine/core';
import { IconCircleCheck, IconFileSpreadsheet, IconReplace } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { FormatOverrides, ImportKind, InspectResult } from '../../../../shared/import-schemas';
import { userLocale } from '../../format/formatters';
import { displayName } from '../history/ImportHistory';
import { DATE_FORMAT_EXAMPLES, DATE_FORMATS, DELIMITER_NAMES, DELIMITERS, ENCODING_ORDER, KIND_ORDER, fileSize, isDelimiter } from './import-labels';

type Props = {
  inspect: InspectResult;
  busy: boolean;
  onKind: (kind: ImportKind) => void;
  onOverrides: (overrides: FormatOverrides) => void;
  onReplace: () => void;
};

const SHOWN_ROWS = 5;
// Hints under the inputs, so the inputs of a row line up whatever the length of their hints.
const WRAPPER_ORDER: ('label' | 'input' | 'description' | 'error')[] = ['label', 'input', 'description', 'error'];

/** What Localyst found in the file, every part of it changeable, with the first rows as read. */
export function DetectedFormat({ inspect, busy, onKind, onOverrides, onReplace }: Props) {
  const { t } = useTranslation();
  const { detected } = inspect;
  const csv = detected.format === 'csv';
  // Twelve columns across: a CSV shows five settings, a workbook three, JSON Lines two.
  const wide = csv ? 3 : detected.format === 'xlsx' ? 4 : 6;
  const delimiterLabel = (d: string): string =>
    isDelimiter(d) ? t(`importWizard.format.delimiters.${DELIMITER_NAMES[d]}`) : JSON.stringify(d);

  return (
    <Stack gap="md" data-testid="import-detected">
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <Group gap="sm" wrap="nowrap" miw={0}>
          <ThemeIcon size={40} radius="md" variant="light">
            <IconFileSpreadsheet size={22} stroke={1.5} />
          </ThemeIcon>
          <div style={{ minWidth: 0 }}>
            <Text fw={600} truncate="end" title={inspect.file} data-testid="import-file-name">
              {displayName(inspect.fileName)}
            </Text>
            <Group gap={6}>
              <Text size="xs" c="dimmed">
                {fileSize(inspect.sizeBytes, userLocale())}
              </Text>
              <Badge size="xs" variant="light" color="gray">
                {t(`importWizard.format.formats.${detected.format}`)}
              </Badge>
              {detected.compressed && (
                <Badge size="xs" variant="light" color="gray">
                  gzip
                </Badge>
              )}
            </Group>
          </div>
        </Group>
        <Button variant="subtle" size="xs" leftSection={<IconReplace size={14} />} onClick={onReplace} data-testid="import-replace-file">
          {t('importWizard.file.replace')}
        </Button>
      </Group>

      <Group gap={8} wrap="nowrap" align="flex-start">
        <IconCircleCheck size={18} color="var(--mantine-color-teal-6)" style={{ flexShrink: 0, marginTop: 1 }} />
        <Text size="sm" data-testid="import-detected-summary">
          {describe()}
        </Text>
      </Group>

      <Grid gap="sm">
        <Grid.Col span={{ base: 12, sm: 6, lg: wide }}>
          <Select
            inputWrapperOrder={WRAPPER_ORDER}
            label={t('importWizard.format.kind')}
            description={inspect.suggestedKind === inspect.kind ? t('importWizard.format.kindSuggested') : t('importWizard.format.kindChosen')}
            data={KIND_ORDER.map((kind) => ({ value: kind, label: t(`importWizard.kinds.${kind}`) }))}
            value={inspect.kind}
            onChange={(value) => value && onKind(value as ImportKind)}
            allowDeselect={false}
            disabled={busy}
            data-testid="import-kind"
          />
        </Grid.Col>
        {csv && (
          <Grid.Col span={{ base: 12, sm: 6, lg: 2 }}>
            <Select
              inputWrapperOrder={WRAPPER_ORDER}
              label={t('importWizard.format.encoding')}
              description={t('importWizard.format.encodingHint')}
              data={ENCODING_ORDER.map((e) => ({ value: e, label: t(`importWizard.format.encodings.${e}`) }))}
              value={detected.encoding}
              onChange={(value) => value && onOverrides({ encoding: value as FormatOverrides['encoding'] })}
              allowDeselect={false}
              disabled={busy}
              data-testid="import-encoding"
              data-value={detected.encoding}
            />
          </Grid.Col>
        )}
        {csv && (
          <Grid.Col span={{ base: 12, sm: 6, lg: 2 }}>
            <Select
              inputWrapperOrder={WRAPPER_ORDER}
              label={t('importWizard.format.delimiter')}
              description={t('importWizard.format.delimiterHint')}
              data={DELIMITERS.map((d) => ({ value: d, label: delimiterLabel(d) }))}
              value={isDelimiter(detected.delimiter) ? detected.delimiter : null}
              onChange={(value) => isDelimiter(value) && onOverrides({ delimiter: value })}
              allowDeselect={false}
              disabled={busy}
              data-testid="import-delimiter"
              data-value={detected.delimiter ?? ''}
            />
          </Grid.Col>
        )}
        {csv && (
          <Grid.Col span={{ base: 12, sm: 6, lg: 2 }}>
            <Select
              inputWrapperOrder={WRAPPER_ORDER}
              label={t('importWizard.format.numbers')}
              description={t('importWizard.format.numbersHint')}
              data={[
                { value: 'comma', label: t('importWizard.format.decimalComma') },
                { value: 'point', label: t('importWizard.format.decimalPoint') },
              ]}
              value={detected.decimalComma ? 'comma' : 'point'}
              onChange={(value) => value && onOverrides({ decimalComma: value === 'comma' })}
              allowDeselect={false}
              disabled={busy}
              data-testid="import-decimal"
              data-value={detected.decimalComma ? 'comma' : 'point'}
            />
          </Grid.Col>
        )}
        <Grid.Col span={{ base: 12, sm: 6, lg: wide }}>
          <Select
            inputWrapperOrder={WRAPPER_ORDER}
            label={t('importWizard.format.dates')}
            description={t('importWizard.format.datesHint')}
            placeholder={t('importWizard.format.datesNone')}
            data={DATE_FORMATS.map((id) => ({ value: id, label: id }))}
            renderOption={({ option }) => (
              <Stack gap={0}>
                <Text size="sm">{option.label}</Text>
                <Text size="xs" c="dimmed">
                  {t('importWizard.format.dateExample', { example: DATE_FORMAT_EXAMPLES[option.value as (typeof DATE_FORMATS)[number]] })}
                </Text>
              </Stack>
            )}
            value={detected.dateFormat}
            onChange={(value) => value && onOverrides({ dateFormat: value })}
            allowDeselect={false}
            disabled={busy}
            comboboxProps={{ width: 300, position: 'bottom-end' }}
            data-testid="import-date-format"
            data-value={detected.dateFormat ?? ''}
          />
        </Grid.Col>
        {detected.format === 'xlsx' && (
          <Grid.Col span={{ base: 12, sm: 6, lg: 4 }}>
            <Select
              inputWrapperOrder={WRAPPER_ORDER}
              label={t('importWizard.format.sheet')}
              description={t('importWizard.format.sheetHint')}
              data={inspect.sheets}
              value={detected.sheet}
              onChange={(value) => value && onOverrides({ sheet: value })}
              allowDeselect={false}
              disabled={busy}
              data-testid="import-sheet"
            />
          </Grid.Col>
        )}
      </Grid>

      <Paper p={0} withBorder>
        <Group justify="space-between" px="sm" py={6}>
          <Title order={4}>{t('importWizard.format.firstRows')}</Title>
          <Text size="xs" c="dimmed">
            {t('importWizard.format.firstRowsHint')}
          </Text>
        </Group>
        <ScrollArea type="auto" scrollbars="x" offsetScrollbars="x">
          <Table fz="xs" striped="even" withColumnBorders horizontalSpacing="sm" verticalSpacing={4} data-testid="import-raw-rows">
            <Table.Thead>
              <Table.Tr>
                {inspect.headers.map((header, index) => (
                  <Table.Th key={`${index}-${header}`} style={{ whiteSpace: 'nowrap' }}>
                    {header}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {inspect.sampleRows.slice(0, SHOWN_ROWS).map((row, r) => (
                <Table.Tr key={r}>
                  {inspect.headers.map((_, c) => (
                    <Table.Td key={c} style={{ whiteSpace: 'nowrap', maxWidth: 260, overflow: 'hidden', textOverflow: 'ellipsis' }}>
                      {row[c] ?? ''}
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea>
      </Paper>
    </Stack>
  );

  function describe(): string {
    const parts: string[] = [];
    if (csv) {
      parts.push(t(`importWizard.format.encodings.${detected.encoding}`));
      if (isDelimiter(detected.delimiter)) parts.push(t(`importWizard.format.summary.delimiters.${DELIMITER_NAMES[detected.delimiter]}`));
      parts.push(detected.decimalComma ? t('importWizard.format.summary.decimalComma') : t('importWizard.format.summary.decimalPoint'));
    }
    if (detected.sheet) parts.push(t('importWizard.format.summary.sheet', { sheet: detected.sheet }));
    parts.push(
      detected.dateFormat
        ? t('importWizard.format.summary.dates', { format: detected.dateFormat })
        : t('importWizard.format.summary.noDates'),
    );
    return t('importWizard.format.summary.lead', { parts: parts.join(' · '), count: inspect.headers.length });
  }
}
