import { Button, Group, Paper, SegmentedControl, Select, Stack, Text, Title } from '@mantine/core';
import { IconFileSpreadsheet, IconPlayerPlay } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { trainTableResultSchema, type TableColumns } from '../../../shared/ml-schemas';
import { toApiError, type ApiError } from '../api/api-error';
import { chooseFile } from '../api/choose-file';
import { useApi } from '../api/useApi';
import { ChooseFile } from '../data/import/ChooseFile';
import { useFormat } from '../format/useFormat';
import { JobStatusPanel } from '../jobs/JobStatusPanel';
import { useTrackedJob } from '../jobs/useTrackedJob';
import { FactList } from './FactList';

/** A column can be the outcome when it has between two and this many values. */
const MAX_OUTCOME_VALUES = 20;
const FOLDS = ['3', '5', '10'];

/**
 * Cross-validates a propensity model on a CSV file of the user's (one row per customer), nothing stored: pick the
 * file, the column to predict and which of its values is the outcome (listed with their counts).
 */
export function TrainFromFile() {
  const { t } = useTranslation();
  const api = useApi();
  const format = useFormat();
  const job = useTrackedJob(trainTableResultSchema);
  const [file, setFile] = useState<{ handle: string; info: TableColumns } | null>(null);
  const [busy, setBusy] = useState<'uploading' | 'inspecting' | null>(null);
  const [error, setError] = useState<ApiError>();
  const [target, setTarget] = useState<string | null>(null);
  const [positive, setPositive] = useState<string | null>(null);
  const [folds, setFolds] = useState('5');

  const inspect = async (handle: string): Promise<void> => {
    setBusy('inspecting');
    setError(undefined);
    try {
      const info = await api.invoke('model.tableColumns', { file: handle });
      setFile({ handle, info });
      setTarget(null);
      setPositive(null);
      job.reset();
    } catch (reason) {
      setError(toApiError(reason));
    } finally {
      setBusy(null);
    }
  };
  const onFile = async (picked: File): Promise<void> => {
    setBusy('uploading');
    setError(undefined);
    try {
      await inspect((await chooseFile(api.transport, picked)).handle);
    } catch (reason) {
      setError(toApiError(reason));
      setBusy(null);
    }
  };

  const outcomes = file?.info.columns.filter((c) => c.distinct >= 2 && c.distinct <= MAX_OUTCOME_VALUES) ?? [];
  const column = outcomes.find((c) => c.name === target);
  const start = (): void => {
    if (!file || !target || !positive) return;
    void job.start(() => api.invoke('model.trainTable', { file: file.handle, target, positive, folds: Number(folds) }));
  };
  const result = job.result;
  const d3 = (v: number): string => format.decimal(v, 3);

  return (
    <Paper p="md" data-testid="train-from-file">
      <Stack gap="sm">
        <div>
          <Title order={2}>{t('modelLab.fromFile.title')}</Title>
          <Text size="xs" c="dimmed" maw={760}>
            {t('modelLab.fromFile.subtitle')}
          </Text>
        </div>
        {!file ? (
          <ChooseFile busy={busy} error={error} onFile={(picked) => void onFile(picked)} onChosen={(handle) => void inspect(handle)} />
        ) : (
          <form
            onSubmit={(event) => {
              event.preventDefault();
              start();
            }}
          >
            <Stack gap="sm">
              <Group gap="xs">
                <IconFileSpreadsheet size={18} />
                <Text size="sm" fw={500} data-testid="from-file-name">
                  {t('modelLab.fromFile.file', { name: file.info.name, rows: format.integer(file.info.rows), columns: format.integer(file.info.columns.length) })}
                </Text>
                <Button variant="subtle" size="xs" onClick={() => setFile(null)} disabled={job.running}>
                  {t('modelLab.fromFile.another')}
                </Button>
              </Group>
              <Group align="flex-end" gap="md">
                <Select
                  w={240}
                  label={t('modelLab.fromFile.target')}
                  placeholder={outcomes.length ? t('modelLab.fromFile.targetPlaceholder') : t('modelLab.fromFile.noTarget')}
                  data={outcomes.map((c) => ({ value: c.name, label: t('modelLab.fromFile.targetOption', { name: c.name, count: c.distinct }) }))}
                  value={target}
                  onChange={(value) => {
                    setTarget(value);
                    setPositive(null);
                  }}
                  searchable
                  data-testid="from-file-target"
                />
                <Select
                  w={260}
                  label={t('modelLab.fromFile.positive')}
                  description={t('modelLab.fromFile.positiveHint')}
                  placeholder={column ? t('modelLab.fromFile.positivePlaceholder') : t('modelLab.fromFile.pickTargetFirst')}
                  disabled={!column}
                  data={(column?.values ?? []).map((v) => ({ value: v.value, label: t('modelLab.fromFile.valueOption', { value: v.value, rows: format.integer(v.count) }) }))}
                  value={positive}
                  onChange={setPositive}
                  data-testid="from-file-positive"
                />
                <div>
                  <Text size="sm" fw={500} mb={4}>
                    {t('modelLab.train.folds')}
                  </Text>
                  <SegmentedControl value={folds} onChange={setFolds} data={FOLDS} />
                </div>
                <Button type="submit" leftSection={<IconPlayerPlay size={16} />} disabled={!target || !positive || job.running} data-testid="from-file-train">
                  {t('modelLab.fromFile.train')}
                </Button>
              </Group>
            </Stack>
          </form>
        )}
        <JobStatusPanel job={job} title={t('modelLab.fromFile.running')} failedTitle={t('modelLab.fromFile.failed')} onRetry={start} testId="from-file-job" />
        {result && (
          <FactList
            title={t('modelLab.fromFile.result', { target: result.target, positive: result.positive ?? '' })}
            testId="from-file-result"
            facts={[
              { label: t('modelLab.card.quality.auc'), value: d3(result.aucMean), hint: t('modelLab.card.quality.aucHint'), testId: 'from-file-auc' },
              { label: t('modelLab.card.quality.aucFolds'), value: result.aucFolds.map(d3).join(' · ') },
              { label: t('modelLab.card.quality.aucCi'), value: t('modelLab.range', { from: d3(result.aucCi.low), to: d3(result.aucCi.high) }) },
              { label: t('modelLab.fromFile.rows'), value: t('modelLab.fromFile.rowsValue', { rows: format.integer(result.rows), positives: format.integer(result.positives), share: format.percent(result.positives / result.rows) }) },
              { label: t('modelLab.card.training.seconds'), value: format.duration(result.seconds) },
            ]}
          />
        )}
      </Stack>
    </Paper>
  );
}
