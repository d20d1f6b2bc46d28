import { Switch } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toApiError } from '../api/api-error';
import { useApi } from '../api/useApi';
import { useWorkspaceQuery } from '../workspace/useWorkspaceQuery';

/** "Retrain after each import", read with settings.get and saved with settings.update. */
export function RetrainSwitch({ withDescription = false }: { withDescription?: boolean }) {
  const { t } = useTranslation();
  const api = useApi();
  const settings = useWorkspaceQuery('settings.get', {});
  const stored = settings.data?.retrainAfterImport;
  // The switch shows the user's choice until the stored setting it was made on changes (saved, or changed elsewhere).
  const [choice, setChoice] = useState<{ value: boolean; over: boolean | undefined } | null>(null);
  const [saving, setSaving] = useState(false);
  const checked = choice && choice.over === stored ? choice.value : (stored ?? false);

  const save = async (retrainAfterImport: boolean): Promise<void> => {
    setChoice({ value: retrainAfterImport, over: stored });
    setSaving(true);
    try {
      await api.invoke('settings.update', { retrainAfterImport });
      settings.refetch();
      notifications.show({ color: 'teal', message: t(retrainAfterImport ? 'modelLab.retrain.on' : 'modelLab.retrain.off') });
    } catch (reason) {
      const error = toApiError(reason);
      setChoice(null);
      notifications.show({ color: 'red', title: t('modelLab.retrain.failed'), message: t('errors.withCode', { message: error.message, code: error.code }) });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Switch
      label={t('modelLab.retrain.label')}
      description={withDescription ? t('modelLab.retrain.hint') : undefined}
      title={withDescription ? undefined : t('modelLab.retrain.hint')}
      checked={checked}
      disabled={!settings.data || saving}
      onChange={(event) => void save(event.currentTarget.checked)}
      data-testid="retrain-after-import"
    />
  );
}
