import { Button, Chip, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Brief, Variant } from '../../../shared/copy-schemas';
import { toApiError, type ApiError } from '../api/api-error';
import { useApi } from '../api/useApi';
import { ErrorAlert } from '../components/ErrorAlert';
import { loadLastCampaign, saveLastCampaign } from './brief-model';
import { useCopyStudio } from './CopyStudioContext';
import { tidyFields } from './FieldsEditor';
import type { VariantView } from './useGenerate';

type Props = { onClose: () => void; variant: VariantView; brief: Brief };

/** The variant as the contract has it (without what the studio adds to show it). */
export const plainVariant = (v: VariantView): Variant => ({
  id: v.id,
  channel: v.channel,
  framework: v.framework,
  angle: v.angle,
  fields: tidyFields(v.fields),
  score: v.score,
  reasons: v.reasons,
  checks: v.checks,
  readingGrade: v.readingGrade,
  engine: v.engine,
});

/** Asks which campaign a variant belongs to (the last one is offered again; mounted when opened, so it starts fresh), then saves it. */
export function SaveDialog({ onClose, variant, brief }: Props) {
  const { t } = useTranslation();
  const api = useApi();
  const { campaigns, linkedCampaign, generation, libraryChanged } = useCopyStudio();
  const [campaign, setCampaign] = useState(() => linkedCampaign ?? loadLastCampaign());
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const name = campaign.trim();

  const save = async (): Promise<void> => {
    if (!name || busy) return;
    setBusy(true);
    setError(undefined);
    try {
      const item = await api.invoke('copy.librarySave', { campaign: name, brief, variant: plainVariant(variant) });
      saveLastCampaign(item.campaign);
      generation.updateVariant(variant.id, (v) => ({ ...v, saved: { campaign: item.campaign, id: item.id, fields: item.fields } }));
      libraryChanged();
      notifications.show({ color: 'teal', message: t('copy.save.done', { campaign: item.campaign }) });
      onClose();
    } catch (reason) {
      setError(toApiError(reason));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened onClose={() => !busy && onClose()} title={t('copy.save.title')} data-testid="copy-save-dialog">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <Stack gap="md">
          <Text size="sm" c="dimmed">
            {t('copy.save.help')}
          </Text>
          <TextInput
            label={t('copy.save.campaign')}
            placeholder={t('copy.save.placeholder')}
            value={campaign}
            onChange={(e) => setCampaign(e.currentTarget.value)}
            onFocus={(e) => e.currentTarget.select()}
            maxLength={120}
            data-autofocus
            data-testid="copy-save-campaign"
          />
          {campaigns.length > 0 && (
            <Group gap={6} data-testid="copy-save-campaigns">
              <Text size="xs" c="dimmed">
                {t('copy.save.existing')}
              </Text>
              {campaigns.map((name) => (
                <Chip key={name} size="xs" checked={campaign.trim() === name} onChange={() => setCampaign(name)}>
                  {name}
                </Chip>
              ))}
            </Group>
          )}
          {error && <ErrorAlert error={error} />}
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onClose} disabled={busy}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={busy} disabled={!name} data-testid="copy-save-confirm">
              {t('copy.save.confirm')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
