import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CopyCheck, CopyFields, LibraryItem } from '../../../shared/copy-schemas';
import { toApiError, type ApiError } from '../api/api-error';
import { useApi } from '../api/useApi';
import { ErrorAlert } from '../components/ErrorAlert';
import { CheckBadges } from './Checks';
import { FieldsEditor, tidyFields } from './FieldsEditor';

type Props = { item: LibraryItem; onClose: () => void; onSaved: () => void };

/** Edits a saved item: checked again as you type; saving keeps the previous text as a revision. */
export function LibraryEditModal({ item, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const api = useApi();
  const [fields, setFields] = useState<CopyFields>(item.fields);
  const [note, setNote] = useState(item.note);
  const [checks, setChecks] = useState<CopyCheck[]>(item.checks);
  const [checking, setChecking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const [debounced] = useDebouncedValue(fields, 400);
  const unchanged = JSON.stringify(tidyFields(fields)) === JSON.stringify(item.fields) && note === item.note;

  useEffect(() => {
    if (JSON.stringify(debounced) === JSON.stringify(item.fields)) return;
    let live = true;
    setChecking(true);
    api
      .invoke('copy.check', { brief: item.brief, fields: tidyFields(debounced) })
      .then((result) => live && setChecks(result.checks))
      .catch((reason: unknown) => live && setError(toApiError(reason)))
      .finally(() => live && setChecking(false));
    return () => {
      live = false;
    };
  }, [debounced, api, item.brief, item.fields]);

  const save = async (): Promise<void> => {
    setBusy(true);
    setError(undefined);
    try {
      const tidy = tidyFields(fields);
      const changedFields = JSON.stringify(tidy) !== JSON.stringify(item.fields);
      await api.invoke('copy.libraryUpdate', { id: item.id, ...(changedFields ? { fields: tidy } : {}), ...(note !== item.note ? { note } : {}) });
      notifications.show({ color: 'teal', message: t('copy.library.saved') });
      onSaved();
    } catch (reason) {
      setError(toApiError(reason));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened onClose={() => !busy && onClose()} title={t('copy.library.editTitle', { campaign: item.campaign })} size="lg" data-testid="copy-edit-modal">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <Stack gap="md">
          <Text size="xs" c="dimmed">
            {t('copy.library.editHelp')}
          </Text>
          <FieldsEditor fields={fields} onChange={setFields} />
          <CheckBadges checks={checks} pending={checking} />
          <Textarea label={t('copy.library.note')} autosize minRows={1} maxRows={4} maxLength={2000} value={note} onChange={(e) => setNote(e.currentTarget.value)} data-testid="copy-edit-note" />
          {error && <ErrorAlert error={error} />}
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onClose} disabled={busy}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={busy} disabled={unchanged} data-testid="copy-edit-save">
              {t('copy.library.saveEdit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
