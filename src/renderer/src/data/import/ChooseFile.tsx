import { Button, Stack, Text } from '@mantine/core';
import { IconFileSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toApiError, type ApiError } from '../../api/api-error';
import { canChooseFiles, chooseWithDialog } from '../../api/choose-file';
import { useApi } from '../../api/useApi';
import { ErrorAlert } from '../../components/ErrorAlert';
import { DropZone } from './DropZone';

type Props = {
  busy: 'uploading' | 'inspecting' | null;
  error: ApiError | undefined;
  onFile: (file: File) => void;
  /** A file chosen in the desktop's dialog, as the handle requests carry. */
  onChosen: (handle: string) => void;
};

/** The first thing the wizard asks: which file. Dropped or picked (browser mode), or chosen in the system's dialog (desktop). */
export function ChooseFile({ busy, error, onFile, onChosen }: Props) {
  const { t } = useTranslation();
  const { transport } = useApi();
  const [dialogError, setDialogError] = useState<ApiError>();
  const uploads = canChooseFiles(transport);

  const openDialog = async (): Promise<void> => {
    setDialogError(undefined);
    try {
      const chosen = await chooseWithDialog(transport, 'import');
      if (chosen) onChosen(chosen.handle);
    } catch (reason) {
      setDialogError(toApiError(reason));
    }
  };

  const shownError = error ?? dialogError;
  return (
    <Stack gap="md">
      {uploads ? (
        <Stack gap={4}>
          <DropZone
            onFile={onFile}
            busy={busy !== null}
            busyLabel={busy === 'uploading' ? t('importWizard.file.uploading') : t('importWizard.file.reading')}
          />
          {/* The engine deletes an upload once its import succeeds (ingest/uploads.ts); until then it is a plain file. */}
          <Text size="xs" c="dimmed" data-testid="import-upload-notice">
            {t('security.upload.notice')}
          </Text>
        </Stack>
      ) : (
        <Stack gap={4} align="flex-start">
          <Button leftSection={<IconFileSearch size={16} />} loading={busy !== null} onClick={() => void openDialog()} data-testid="import-choose">
            {t('importWizard.file.chooseDialog')}
          </Button>
          <Text size="xs" c="dimmed">
            {t('importWizard.file.dialogNote')}
          </Text>
        </Stack>
      )}
      {shownError && <ErrorAlert error={shownError} title={t('importWizard.file.errorTitle')} />}
    </Stack>
  );
}
