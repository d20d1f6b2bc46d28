import { Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { IconEye, IconLayoutColumns, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SynthModelSummary } from '../../../shared/synth-schemas';
import { toApiError, type ApiError } from '../api/api-error';
import { useApi } from '../api/useApi';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { useFormat } from '../format/useFormat';
import { VerdictBadge } from './PrivacyReport';
import { methodName, scoreColor } from './synth-labels';

type Props = {
  models: readonly SynthModelSummary[];
  /** The twins whose reports are open. */
  shown: readonly number[];
  onOpen: (id: number) => void;
  onCompare: (id: number) => void;
  onDeleted: (id: number) => void;
};

/** Every twin trained in this workspace, newest first: open its reports, put it beside the open one, or delete it. */
export function PastTwins({ models, shown, onOpen, onCompare, onDeleted }: Props) {
  const { t } = useTranslation();
  const api = useApi();
  const format = useFormat();
  const [deleting, setDeleting] = useState<SynthModelSummary | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();

  const remove = async (): Promise<void> => {
    if (!deleting) return;
    setBusy(true);
    setError(undefined);
    try {
      await api.invoke('synth.delete', { id: deleting.id });
      onDeleted(deleting.id);
      setDeleting(null);
    } catch (reason) {
      setError(toApiError(reason));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Paper p="md" data-testid="synth-past">
      <Stack gap="sm">
        <div>
          <Title order={2}>{t('synth.past.title')}</Title>
          <Text size="xs" c="dimmed">
            {t('synth.past.subtitle')}
          </Text>
        </div>
        {models.length === 0 ? (
          <Text size="sm" c="dimmed" data-testid="synth-past-empty">
            {t('synth.past.empty')}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={820}>
            <Table highlightOnHover verticalSpacing={4} fz="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('synth.past.model')}</Table.Th>
                  <Table.Th>{t('synth.past.source')}</Table.Th>
                  <Table.Th ta="right">{t('synth.past.rows')}</Table.Th>
                  <Table.Th ta="right">{t('synth.past.quality')}</Table.Th>
                  <Table.Th>{t('synth.past.privacy')}</Table.Th>
                  <Table.Th>{t('synth.past.trained')}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {models.map((model) => {
                  const open = shown.includes(model.id);
                  return (
                    <Table.Tr key={model.id} data-testid="synth-past-row" data-model-id={model.id} data-method={model.method}>
                      <Table.Td>
                        <Text size="sm" fw={500}>
                          {t('synth.report.modelTitle', { method: methodName(model.method, t), id: String(model.id) })}
                        </Text>
                      </Table.Td>
                      <Table.Td>{model.source}</Table.Td>
                      <Table.Td ta="right" className="tabular">
                        {format.integer(model.rows)}
                      </Table.Td>
                      <Table.Td ta="right" className="tabular" c={scoreColor(model.quality)} fw={600}>
                        {format.percent(model.quality)}
                      </Table.Td>
                      <Table.Td>
                        <VerdictBadge verdict={model.verdict} />
                      </Table.Td>
                      <Table.Td>{format.dateTime(model.createdAt)}</Table.Td>
                      <Table.Td>
                        <Group gap={4} justify="flex-end" wrap="nowrap">
                          <Button size="compact-sm" variant={open ? 'light' : 'default'} leftSection={<IconEye size={14} />} onClick={() => onOpen(model.id)} data-testid="synth-past-open">
                            {open ? t('synth.past.shown') : t('synth.past.open')}
                          </Button>
                          {shown.length === 1 && !open && (
                            <Button size="compact-sm" variant="default" leftSection={<IconLayoutColumns size={14} />} onClick={() => onCompare(model.id)} data-testid="synth-past-compare">
                              {t('synth.past.compare')}
                            </Button>
                          )}
                          <Button
                            size="compact-sm"
                            variant="subtle"
                            color="red"
                            leftSection={<IconTrash size={14} />}
                            aria-label={t('synth.past.deleteLabel', { id: String(model.id) })}
                            onClick={() => setDeleting(model)}
                            data-testid="synth-past-delete"
                          >
                            {t('synth.past.delete')}
                          </Button>
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
      <ConfirmDialog
        opened={deleting !== null}
        title={t('synth.past.deleteTitle')}
        confirmLabel={t('synth.past.delete')}
        danger
        busy={busy}
        error={error}
        onConfirm={() => void remove()}
        onClose={() => {
          setDeleting(null);
          setError(undefined);
        }}
        testId="synth-delete"
      >
        <Text size="sm">{deleting && t('synth.past.deleteText', { method: methodName(deleting.method, t), id: String(deleting.id) })}</Text>
      </ConfirmDialog>
    </Paper>
  );
}
