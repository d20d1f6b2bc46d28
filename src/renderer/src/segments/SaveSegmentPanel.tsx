import { Button, Checkbox, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDeviceFloppy } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { toApiError, type ApiError } from '../api/api-error';
import { useApi } from '../api/useApi';
import { useFormat } from '../format/useFormat';
import type { Compiled } from './rule-model';
import { useSegments } from './SegmentsContext';

type Props = {
  compiled: Compiled;
  /** Customers the rule matches now, when counted. */
  count: number | undefined;
  onError: (error: ApiError | undefined) => void;
};

/** Saves the builder's rule: as a new segment (dynamic, or a static snapshot of today's members) or over the one edited. */
export function SaveSegmentPanel({ compiled, count, onError }: Props) {
  const { t } = useTranslation();
  const api = useApi();
  const format = useFormat();
  const { editing, setEditing, suggestedName, refetchList, go } = useSegments();
  const [name, setName] = useState(editing?.name ?? suggestedName);
  const [snapshot, setSnapshot] = useState(false);
  const [busy, setBusy] = useState<'create' | 'update' | null>(null);
  const [nameError, setNameError] = useState<string>();
  const empty = compiled.conditions === 0;

  const save = async (mode: 'create' | 'update'): Promise<void> => {
    if (name.trim() === '') {
      setNameError(t('segments.save.nameRequired'));
      return;
    }
    setBusy(mode);
    setNameError(undefined);
    onError(undefined);
    try {
      const segment =
        mode === 'update' && editing
          ? await api.invoke('segments.update', { id: editing.id, name: name.trim(), rule: compiled.rule })
          : await api.invoke('segments.create', { name: name.trim(), rule: compiled.rule, static: snapshot, source: 'rules' });
      setEditing({ id: segment.id, name: segment.name, kind: segment.kind });
      refetchList();
      notifications.show({
        color: 'teal',
        title: t(mode === 'update' ? 'segments.save.updatedTitle' : 'segments.save.createdTitle', { name: segment.name }),
        message: t('segments.save.savedMessage', { count: segment.count, customers: format.integer(segment.count) }),
      });
      go({ tab: 'saved', id: segment.id });
    } catch (reason) {
      const error = toApiError(reason);
      const details = error.details as { field?: unknown } | undefined;
      if (details?.field === 'name' || error.code === 'conflict') setNameError(error.message);
      else onError(error);
    } finally {
      setBusy(null);
    }
  };

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    void save(editing ? 'update' : 'create');
  };

  return (
    <Paper p="md" h="100%" component="form" onSubmit={submit} data-testid="segment-save">
      <Stack gap="sm">
        <div>
          <Title order={3}>{editing ? t('segments.save.editTitle') : t('segments.save.title')}</Title>
          <Text size="xs" c="dimmed">
            {editing ? t('segments.save.editHelp', { name: editing.name }) : t('segments.save.help')}
          </Text>
        </div>
        <TextInput
          label={t('segments.save.name')}
          placeholder={t('segments.save.namePlaceholder')}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={nameError}
          maxLength={120}
          data-testid="segment-name"
        />
        {!editing && (
          <Checkbox
            label={t('segments.save.static')}
            description={count === undefined ? t('segments.save.staticHintNoCount') : t('segments.save.staticHint', { count, customers: format.integer(count) })}
            checked={snapshot}
            onChange={(e) => setSnapshot(e.currentTarget.checked)}
            data-testid="segment-static"
          />
        )}
        {editing?.kind === 'static' && (
          <Text size="xs" c="dimmed">
            {t('segments.save.staticEdit')}
          </Text>
        )}
        <Group gap="xs" justify="flex-end">
          {editing && (
            <Button variant="default" loading={busy === 'create'} disabled={empty || busy !== null} onClick={() => void save('create')} data-testid="segment-save-new">
              {t('segments.save.saveAsNew')}
            </Button>
          )}
          <Button type="submit" leftSection={<IconDeviceFloppy size={16} />} loading={busy === (editing ? 'update' : 'create')} disabled={empty || busy !== null} data-testid="segment-save-submit">
            {editing ? t('segments.save.update') : t('segments.save.create')}
          </Button>
        </Group>
        {empty && (
          <Text size="xs" c="dimmed">
            {t('segments.save.needsCondition')}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
