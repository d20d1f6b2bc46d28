import { Button, Divider, Group, Stack, Text, TextInput } from '@mantine/core';
import { IconFileSearch } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../api/api-error';
import { canChooseFiles } from '../../api/choose-file';
import { useApi } from '../../api/useApi';
import { ErrorAlert } from '../../components/ErrorAlert';
import { DropZone } from './DropZone';

type Props = {
  busy: 'uploading' | 'inspecting' | null;
  error: ApiError | undefined;
  onFile: (file: File) => void;
  onPath: (path: string) => void;
};

/** The first thing the wizard asks: which file. Dropped or picked (browser mode), or its path on this computer. */
export function ChooseFile({ busy, error, onFile, onPath }: Props) {
  const { t } = useTranslation();
  const { transport } = useApi();
  const [path, setPath] = useState('');
  const uploads = canChooseFiles(transport);

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    if (path.trim() && !busy) onPath(path.trim());
  };

  return (
    <Stack gap="md">
      {uploads && (
        <DropZone
          onFile={onFile}
          busy={busy !== null}
          busyLabel={busy === 'uploading' ? t('importWizard.file.uploading') : t('importWizard.file.reading')}
        />
      )}
      {uploads && <Divider label={t('importWizard.file.or')} labelPosition="center" />}
      <form onSubmit={submit}>
        <Group align="flex-end" gap="xs" wrap="nowrap">
          <TextInput
            style={{ flex: 1 }}
            label={t('importWizard.file.pathLabel')}
            description={t('importWizard.file.pathHint')}
            placeholder={t('importWizard.file.pathPlaceholder')}
            value={path}
            onChange={(event) => setPath(event.currentTarget.value)}
            spellCheck={false}
            autoComplete="off"
            disabled={busy !== null}
            data-testid="import-path"
          />
          <Button
            type="submit"
            variant="default"
            leftSection={<IconFileSearch size={16} />}
            disabled={!path.trim()}
            loading={busy === 'inspecting' && !uploads}
            data-testid="import-path-submit"
          >
            {t('importWizard.file.readPath')}
          </Button>
        </Group>
      </form>
      {!uploads && (
        <Text size="xs" c="dimmed">
          {t('importWizard.file.desktopNote')}
        </Text>
      )}
      {error && <ErrorAlert error={error} title={t('importWizard.file.errorTitle')} />}
    </Stack>
  );
}
