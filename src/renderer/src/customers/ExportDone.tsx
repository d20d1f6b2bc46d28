import { Alert, Anchor, Group, Stack, Text } from '@mantine/core';
import { IconCheck, IconDownload } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { ExportResult } from '../../../shared/customer-schemas';
import { PathWithCopy } from '../components/PathWithCopy';
import { ArchiveDoneNote } from '../security/ArchiveOption';
import { useFormat } from '../format/useFormat';

type Props = { result: ExportResult; download: string | null | undefined; testIdPrefix: string };

/** A finished CSV export: how many rows, where the file is (with a copy button) and, in the browser, a download link. */
export function ExportDone({ result, download, testIdPrefix }: Props) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Alert color="teal" variant="light" icon={<IconCheck size={18} />} title={t('explorer.export.done', { count: result.rows, rows: format.integer(result.rows) })} data-testid={`${testIdPrefix}-done`} data-rows={result.rows}>
      <Stack gap={6}>
        <Text size="sm">{t('explorer.export.savedTo')}</Text>
        <PathWithCopy path={result.file} testId={`${testIdPrefix}-path`} />
        {result.fileName.toLowerCase().endsWith('.zip') && <ArchiveDoneNote />}
        {download && (
          <Anchor href={download} download={result.fileName} size="sm" data-testid={`${testIdPrefix}-download`}>
            <Group gap={4} component="span">
              <IconDownload size={14} />
              {t('explorer.export.download', { file: result.fileName })}
            </Group>
          </Anchor>
        )}
      </Stack>
    </Alert>
  );
}
