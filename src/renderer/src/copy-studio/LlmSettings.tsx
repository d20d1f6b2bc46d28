import { Alert, Badge, Button, Code, Group, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconFileSearch, IconInfoCircle, IconTrash } from '@tabler/icons-react';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LlmStatus } from '../../../shared/copy-schemas';
import { toApiError, type ApiError } from '../api/api-error';
import { canChooseFiles, chooseFile, chooseWithDialog } from '../api/choose-file';
import { useApi } from '../api/useApi';
import { useApiQuery } from '../api/useApiQuery';
import { ErrorAlert } from '../components/ErrorAlert';
import { useFormat } from '../format/useFormat';
import { InfoList, type InfoItem } from '../settings/InfoList';

const GB = 1024 ** 3;
const MB = 1024 ** 2;

/** Settings: the optional local language model of the Copy studio — a GGUF file on this computer, or none. */
export function LlmSettings() {
  const { t } = useTranslation();
  const api = useApi();
  const query = useApiQuery('copy.llmStatus', {});
  const [status, setStatus] = useState<LlmStatus>();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState<'use' | 'forget' | null>(null);
  const [error, setError] = useState<ApiError>();
  const shown = status ?? query.data;

  const choose = async (next: string | null): Promise<void> => {
    setBusy(next === null ? 'forget' : 'use');
    setError(undefined);
    try {
      const result = await api.invoke('copy.llmChoose', { file: next });
      setStatus(result);
      notifications.show({ color: 'teal', message: result.model ? t('copy.llm.chosen', { name: result.model.name }) : t('copy.llm.forgotten') });
    } catch (reason) {
      setError(toApiError(reason));
    } finally {
      setBusy(null);
    }
  };

  // The file comes from the user's own choice: the desktop's dialog, or an upload in the browser mode.
  const pick = async (file?: File): Promise<void> => {
    setBusy('use');
    setError(undefined);
    try {
      const chosen = file ? await chooseFile(api.transport, file) : await chooseWithDialog(api.transport, 'model');
      if (chosen) await choose(chosen.handle);
    } catch (reason) {
      setError(toApiError(reason));
    } finally {
      setBusy(null);
    }
  };
  const uploads = canChooseFiles(api.transport);

  return (
    <Paper p="md" data-testid="llm-settings">
      <Stack gap="sm">
        <div>
          <Group gap="xs">
            <Title order={2}>{t('copy.llm.title')}</Title>
            {shown && (
              <Badge size="sm" variant="light" color={shown.available ? 'teal' : 'gray'} data-testid="llm-available" data-available={shown.available}>
                {shown.available ? t('copy.llm.available') : t('copy.llm.unavailable')}
              </Badge>
            )}
          </Group>
          <Text size="xs" c="dimmed">
            {t('copy.llm.subtitle')}
          </Text>
        </div>
        {query.error && <ErrorAlert error={query.error} onRetry={query.refetch} />}
        {!shown && !query.error && <Skeleton h={80} />}
        {shown && (
          <>
            {shown.detail && (
              <Text size="xs" c="dimmed" data-testid="llm-detail">
                {shown.detail}
              </Text>
            )}
            {shown.model ? <ModelFacts status={shown} /> : <Text size="sm">{t('copy.llm.none')}</Text>}
            <Stack gap={4} align="flex-start">
              <Button
                leftSection={<IconFileSearch size={16} />}
                loading={busy === 'use'}
                disabled={busy !== null}
                onClick={() => (uploads ? input.current?.click() : void pick())}
                data-testid="llm-use"
              >
                {t('copy.llm.chooseModel')}
              </Button>
              {uploads && (
                <input
                  ref={input}
                  type="file"
                  accept=".gguf"
                  hidden
                  onChange={(event) => {
                    const file = event.currentTarget.files?.[0];
                    event.currentTarget.value = '';
                    if (file) void pick(file);
                  }}
                  data-testid="llm-file-input"
                />
              )}
              <Text size="xs" c="dimmed">
                {t('copy.llm.chooseHint')} {uploads ? t('copy.llm.uploadHint') : ''}
              </Text>
            </Stack>
            {shown.model && (
              <Group justify="flex-end">
                <Button
                  variant="subtle"
                  color="red"
                  size="xs"
                  leftSection={<IconTrash size={14} />}
                  loading={busy === 'forget'}
                  disabled={busy !== null}
                  onClick={() => void choose(null)}
                  data-testid="llm-forget"
                >
                  {t('copy.llm.forget')}
                </Button>
              </Group>
            )}
            {error && <ErrorAlert error={error} title={t('copy.llm.chooseFailed')} />}
            <Alert variant="light" color="gray" icon={<IconInfoCircle size={18} />}>
              <Text size="xs">{t('copy.llm.privacy')}</Text>
            </Alert>
          </>
        )}
      </Stack>
    </Paper>
  );
}

function ModelFacts({ status }: { status: LlmStatus }) {
  const { t } = useTranslation();
  const format = useFormat();
  const model = status.model;
  if (!model) return null;
  const size = model.sizeBytes >= GB ? t('copy.llm.sizeGb', { value: format.decimal(model.sizeBytes / GB, 2) }) : t('copy.llm.sizeMb', { value: format.decimal(model.sizeBytes / MB, 1) });
  const items: InfoItem[] = [
    { label: t('copy.llm.name'), value: model.name, testId: 'llm-name' },
    { label: t('copy.llm.architecture'), value: model.architecture, testId: 'llm-architecture' },
    ...(model.parameters ? [{ label: t('copy.llm.parameters'), value: model.parameters, testId: 'llm-parameters' }] : []),
    { label: t('copy.llm.size'), value: size, testId: 'llm-size' },
    {
      label: t('copy.llm.context'),
      value: model.contextLength !== null ? t('copy.llm.tokens', { value: format.integer(model.contextLength) }) : t('common.none'),
      testId: 'llm-context',
    },
    {
      label: t('copy.llm.sha256'),
      value: (
        <Code fz="xs" style={{ overflowWrap: 'anywhere' }} title={model.sha256}>
          {model.sha256}
        </Code>
      ),
      testId: 'llm-sha256',
    },
    {
      label: t('copy.llm.path'),
      value: (
        <Code fz="xs" style={{ overflowWrap: 'anywhere' }}>
          {model.path}
        </Code>
      ),
      testId: 'llm-model-path',
    },
  ];
  return (
    <div data-testid="llm-model">
      <InfoList items={items} />
    </div>
  );
}
