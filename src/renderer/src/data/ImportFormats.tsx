import { Code, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';

// The kinds the importer reads (src/shared/import-schemas.ts), in the order a marketer would prepare them.
const FILES = ['customers', 'orders', 'products', 'reviews', 'campaignResults'] as const;

/** Which files the import wizard reads and the columns each one needs. */
export function ImportFormats() {
  const { t } = useTranslation();
  return (
    <Paper p="md" data-testid="import-formats">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <div>
            <Title order={2}>{t('data.files.title')}</Title>
            <Text size="xs" c="dimmed">
              {t('data.files.subtitle')}
            </Text>
          </div>
        </Group>
        <Text size="sm">{t('data.files.intro')}</Text>
        <Table verticalSpacing={8} fz="sm" striped="even" withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w="26%">{t('data.files.columns.file')}</Table.Th>
              <Table.Th w="30%">{t('data.files.columns.required')}</Table.Th>
              <Table.Th>{t('data.files.columns.optional')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {FILES.map((file) => (
              <Table.Tr key={file}>
                <Table.Td>
                  <Text size="sm" fw={600}>
                    {t(`data.files.kinds.${file}.name`)}
                  </Text>
                  <Code fz="xs" style={{ whiteSpace: 'nowrap' }}>
                    {t(`data.files.kinds.${file}.example`)}
                  </Code>
                </Table.Td>
                <Table.Td>{t(`data.files.kinds.${file}.required`)}</Table.Td>
                <Table.Td c="dimmed">{t(`data.files.kinds.${file}.optional`)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Text size="xs" c="dimmed">
          {t('data.files.note')}
        </Text>
      </Stack>
    </Paper>
  );
}
