import { Alert, Badge, Checkbox, Group, Paper, Select, SimpleGrid, Stack, Table, Text, TextInput, ThemeIcon, Title, Tooltip } from '@mantine/core';
import { IconAlertCircle, IconBookmark, IconCircleCheckFilled, IconCircleDashed, IconLock, IconWand } from '@tabler/icons-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportField, InspectResult, PiiKind } from '../../../../shared/import-schemas';
import { piiKinds } from '../../../../shared/import-schemas';
import { fieldOwners, missingRequired, sampleValues } from './mapping';

type Props = {
  inspect: InspectResult;
  mapping: Record<string, string>;
  onMapping: (mapping: Record<string, string>) => void;
  pseudonymize: PiiKind[];
  onPseudonymize: (kinds: PiiKind[]) => void;
  saveAs: { enabled: boolean; name: string };
  onSaveAs: (saveAs: { enabled: boolean; name: string }) => void;
};

const NOT_IMPORTED = '';

/** Which column fills which field: suggested by the engine, changeable per column, with what each one holds. */
export function MappingStep({ inspect, mapping, onMapping, pseudonymize, onPseudonymize, saveAs, onSaveAs }: Props) {
  const { t } = useTranslation();
  const fields = inspect.fields;
  const byName = useMemo(() => new Map(fields.map((f) => [f.name, f])), [fields]);
  const owners = fieldOwners(mapping);
  const missing = missingRequired(fields, mapping);
  const mappedPii = new Set(Object.values(mapping).flatMap((name) => byName.get(name)?.pii ?? []));
  const unused = fields.filter((f) => !owners.has(f.name));

  const choose = (column: string, field: string): void => {
    const next = { ...mapping };
    // A field is filled by one column: choosing it here takes it from the column that had it.
    const previousOwner = owners.get(field);
    if (previousOwner && previousOwner !== column) delete next[previousOwner];
    if (field === NOT_IMPORTED) delete next[column];
    else next[column] = field;
    onMapping(next);
  };

  const options = fields.map((field) => ({
    value: field.name,
    label: field.required ? t('importWizard.mapping.requiredLabel', { label: field.label }) : field.label,
  }));

  return (
    <Stack gap="md">
      {(inspect.preset || inspect.savedMapping) && (
        <Alert
          variant="light"
          color="brand"
          icon={inspect.savedMapping ? <IconBookmark size={18} /> : <IconWand size={18} />}
          data-testid="import-mapping-source"
        >
          {inspect.savedMapping
            ? t('importWizard.mapping.savedUsed', { name: inspect.savedMapping })
            : t('importWizard.mapping.presetUsed', { name: inspect.preset?.name ?? '' })}
        </Alert>
      )}
      {!inspect.preset && !inspect.savedMapping && (
        <Text size="sm" c="dimmed">
          {t('importWizard.mapping.suggested')}
        </Text>
      )}

      <RequiredFields fields={fields} mapping={mapping} />

      <Paper p={0} withBorder>
        <Table verticalSpacing={6} horizontalSpacing="sm" fz="sm" data-testid="import-mapping">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w="22%">{t('importWizard.mapping.column')}</Table.Th>
              <Table.Th>{t('importWizard.mapping.samples')}</Table.Th>
              <Table.Th w="30%">{t('importWizard.mapping.field')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {inspect.headers.map((header, index) => {
              const field = mapping[header] ? byName.get(mapping[header]) : undefined;
              return (
                <Table.Tr key={`${index}-${header}`} data-testid="import-mapping-row" data-column={header} data-field={field?.name ?? ''}>
                  <Table.Td>
                    <Text size="sm" fw={600} truncate="end" title={header}>
                      {header || t('importWizard.mapping.unnamed', { n: String(index + 1) })}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="xs" c="dimmed" lineClamp={1} title={sampleValues(inspect.sampleRows, index, 8).join(' · ')}>
                      {sampleValues(inspect.sampleRows, index, 3).join(' · ') || t('importWizard.mapping.emptyColumn')}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={6} wrap="nowrap">
                      <Select
                        size="xs"
                        style={{ flex: 1 }}
                        aria-label={t('importWizard.mapping.fieldFor', { column: header })}
                        data={[{ value: NOT_IMPORTED, label: t('importWizard.mapping.notImported') }, ...options]}
                        value={field?.name ?? NOT_IMPORTED}
                        onChange={(value) => choose(header, value ?? NOT_IMPORTED)}
                        allowDeselect={false}
                        searchable
                        renderOption={({ option }) => <FieldOption option={option} field={byName.get(option.value)} owner={owners.get(option.value)} column={header} />}
                        comboboxProps={{ width: 320, position: 'bottom-start' }}
                        data-testid="import-mapping-select"
                      />
                      <Group gap={4} wrap="nowrap" w={24}>
                        {field?.pii && (
                          <Tooltip label={t('importWizard.mapping.piiTooltip')}>
                            <ThemeIcon size={22} variant="light" color="orange" aria-label={t('importWizard.mapping.pii')}>
                              <IconLock size={14} />
                            </ThemeIcon>
                          </Tooltip>
                        )}
                      </Group>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Paper>
      {unused.length > 0 && (
        <Text size="xs" c="dimmed">
          {t('importWizard.mapping.unused', { fields: unused.map((f) => f.label).join(', ') })}
        </Text>
      )}

      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <Paper p="md" withBorder>
          <Stack gap="xs">
            <Group gap={8}>
              <IconLock size={16} />
              <Title order={4}>{t('importWizard.privacy.title')}</Title>
            </Group>
            <Text size="sm" c="dimmed">
              {t('importWizard.privacy.explain')}
            </Text>
            <Group gap="lg" align="flex-start">
              {piiKinds.map((kind) => (
                <Checkbox
                  key={kind}
                  label={t(`importWizard.privacy.kinds.${kind}`)}
                  description={mappedPii.has(kind) ? undefined : t('importWizard.privacy.notMapped')}
                  checked={pseudonymize.includes(kind)}
                  disabled={!mappedPii.has(kind) && !pseudonymize.includes(kind)}
                  onChange={(event) =>
                    onPseudonymize(event.currentTarget.checked ? [...pseudonymize, kind] : pseudonymize.filter((k) => k !== kind))
                  }
                  data-testid={`import-pseudonymize-${kind}`}
                />
              ))}
            </Group>
          </Stack>
        </Paper>
        <Paper p="md" withBorder>
          <Stack gap="xs">
            <Group gap={8}>
              <IconBookmark size={16} />
              <Title order={4}>{t('importWizard.mapping.saveTitle')}</Title>
            </Group>
            <Text size="sm" c="dimmed">
              {t('importWizard.mapping.saveExplain')}
            </Text>
            <Checkbox
              label={t('importWizard.mapping.saveAs')}
              checked={saveAs.enabled}
              onChange={(event) => onSaveAs({ ...saveAs, enabled: event.currentTarget.checked })}
              data-testid="import-save-mapping"
            />
            {saveAs.enabled && (
              <TextInput
                aria-label={t('importWizard.mapping.saveName')}
                value={saveAs.name}
                maxLength={80}
                onChange={(event) => onSaveAs({ ...saveAs, name: event.currentTarget.value })}
                error={saveAs.name.trim() ? undefined : t('importWizard.mapping.saveNameNeeded')}
                data-testid="import-save-mapping-name"
              />
            )}
          </Stack>
        </Paper>
      </SimpleGrid>
      {missing.length > 0 && (
        <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} data-testid="import-mapping-missing">
          {t('importWizard.mapping.missing', { fields: missing.map((f) => f.label).join(', '), count: missing.length })}
        </Alert>
      )}
    </Stack>
  );
}

function FieldOption({ option, field, owner, column }: { option: { value: string; label: string }; field: ImportField | undefined; owner: string | undefined; column: string }) {
  const { t } = useTranslation();
  if (!field) return <Text size="sm">{option.label}</Text>;
  return (
    <Stack gap={0} miw={0}>
      <Group gap={6} wrap="nowrap">
        <Text size="sm" fw={500}>
          {field.label}
        </Text>
        {field.required && (
          <Badge size="xs" variant="light" color="red">
            {t('importWizard.mapping.required')}
          </Badge>
        )}
        {field.pii && (
          <Badge size="xs" variant="light" color="orange" leftSection={<IconLock size={10} />}>
            {t('importWizard.mapping.pii')}
          </Badge>
        )}
      </Group>
      <Text size="xs" c="dimmed" lineClamp={2}>
        {owner && owner !== column ? t('importWizard.mapping.takenFrom', { column: owner }) : field.description}
      </Text>
    </Stack>
  );
}

function RequiredFields({ fields, mapping }: { fields: ImportField[]; mapping: Record<string, string> }) {
  const { t } = useTranslation();
  const owners = fieldOwners(mapping);
  const required = fields.filter((f) => f.required);
  if (required.length === 0) return null;
  return (
    <Group gap="md" data-testid="import-required">
      <Text size="sm" fw={500}>
        {t('importWizard.mapping.needs')}
      </Text>
      {required.map((field) => {
        const owner = owners.get(field.name);
        return (
          <Group key={field.name} gap={4} wrap="nowrap" data-testid={`import-required-${field.name}`} data-met={Boolean(owner)}>
            {owner ? (
              <IconCircleCheckFilled size={16} color="var(--mantine-color-teal-6)" />
            ) : (
              <IconCircleDashed size={16} color="var(--mantine-color-red-6)" />
            )}
            <Text size="sm">
              {owner ? t('importWizard.mapping.filledBy', { field: field.label, column: owner }) : field.label}
            </Text>
          </Group>
        );
      })}
    </Group>
  );
}
