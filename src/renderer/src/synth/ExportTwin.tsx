import { Alert, Anchor, Button, Checkbox, Group, NumberInput, Paper, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconCheck, IconDatabasePlus, IconDownload, IconFileTypeCsv, IconLockOpen } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { synthSampleResultSchema, synthWorkspaceResultSchema, type SynthModelSummary } from '../../../shared/synth-schemas';
import { toApiError, type ApiError } from '../api/api-error';
import { exportDownloadUrl } from '../api/choose-file';
import { useApi } from '../api/useApi';
import { ErrorAlert } from '../components/ErrorAlert';
import { PathWithCopy } from '../components/PathWithCopy';
import { useFormat } from '../format/useFormat';
import { JobStatusPanel } from '../jobs/JobStatusPanel';
import { useTrackedJob } from '../jobs/useTrackedJob';
import { ArchiveDoneNote, ArchiveOption, useArchiveChoice } from '../security/ArchiveOption';
import { methodName } from './synth-labels';

type Props = { models: readonly SynthModelSummary[]; preferred: number | null };

const fileNameOf = (file: string): string => file.split(/[\\/]/).pop() ?? file;
const isCount = (value: number | string): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 1;

/**
 * What to do with a twin: sample a CSV of synthetic rows (ids and personal columns left out, or filled with fake
 * values), or build a whole new workspace from it to demo or test with.
 */
export function ExportTwin({ models, preferred }: Props) {
  const { t } = useTranslation();
  const api = useApi();
  const format = useFormat();
  const sample = useTrackedJob(synthSampleResultSchema);
  const build = useTrackedJob(synthWorkspaceResultSchema);
  const [picked, setPicked] = useState<string | null>(null);
  const [rows, setRows] = useState<number | string>(1000);
  const [seed, setSeed] = useState<number | string>(1);
  const [fill, setFill] = useState(false);
  const [name, setName] = useState('');
  const [workspaceRows, setWorkspaceRows] = useState<number | string>(1000);
  const [opening, setOpening] = useState(false);
  const [openError, setOpenError] = useState<ApiError>();
  const archive = useArchiveChoice();

  const fallback = preferred ?? models[0]?.id ?? null;
  const modelId = picked !== null && models.some((m) => String(m.id) === picked) ? Number(picked) : fallback;
  const seedValue = typeof seed === 'number' ? seed : 1;

  const startSample = (): void => {
    if (modelId === null || !isCount(rows) || !archive.valid) return;
    void sample.start(() => api.invoke('synth.sample', { modelId, rows, seed: seedValue, fill, ...archive.input }));
  };
  const startBuild = (): void => {
    if (modelId === null || !isCount(workspaceRows) || !name.trim()) return;
    void build.start(() => api.invoke('synth.workspace', { modelId, name: name.trim(), rows: workspaceRows, seed: seedValue }));
  };
  const openWorkspace = async (workspaceName: string): Promise<void> => {
    setOpening(true);
    setOpenError(undefined);
    try {
      await api.invoke('workspace.open', { name: workspaceName, create: false });
    } catch (reason) {
      setOpenError(toApiError(reason));
    } finally {
      setOpening(false);
    }
  };

  const sampled = sample.result;
  const built = build.result;
  const download = sampled ? exportDownloadUrl(api.transport, fileNameOf(sampled.file)) : null;

  return (
    <Paper p="md" data-testid="synth-export">
      <Stack gap="sm">
        <div>
          <Title order={2}>{t('synth.export.title')}</Title>
          <Text size="xs" c="dimmed">
            {t('synth.export.subtitle')}
          </Text>
        </div>
        <Group align="flex-end" gap="md">
          <Select
            w={420}
            label={t('synth.export.model')}
            data={models.map((m) => ({ value: String(m.id), label: t('synth.export.modelOption', { model: t('synth.report.modelTitle', { method: methodName(m.method, t), id: String(m.id) }), source: m.source, quality: format.percent(m.quality) }) }))}
            value={modelId === null ? null : String(modelId)}
            onChange={setPicked}
            allowDeselect={false}
            data-testid="synth-export-model"
          />
          <NumberInput w={120} label={t('synth.export.seed')} min={0} max={2 ** 31 - 1} allowDecimal={false} value={seed} onChange={setSeed} data-testid="synth-export-seed" />
        </Group>
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
          <Paper p="sm" withBorder>
            <form
              onSubmit={(event) => {
                event.preventDefault();
                startSample();
              }}
            >
              <Stack gap="xs">
                <Text fw={600}>{t('synth.export.csvTitle')}</Text>
                <NumberInput w={160} label={t('synth.export.rows')} min={1} max={10_000_000} allowDecimal={false} thousandSeparator="," value={rows} onChange={setRows} data-testid="synth-sample-rows" />
                <Checkbox label={t('synth.export.fill')} description={t('synth.export.fillHint')} checked={fill} onChange={(event) => setFill(event.currentTarget.checked)} data-testid="synth-sample-fill" />
                <ArchiveOption choice={archive} disabled={sample.running} testId="synth-sample" />
                <Group>
                  <Button type="submit" leftSection={<IconFileTypeCsv size={16} />} disabled={modelId === null || !isCount(rows) || !archive.valid || sample.running} loading={sample.starting} data-testid="synth-sample">
                    {t('synth.export.csv')}
                  </Button>
                </Group>
                <JobStatusPanel job={sample} title={t('synth.export.sampling')} failedTitle={t('synth.export.sampleFailed')} onRetry={startSample} testId="synth-sample-job" />
                {sample.job?.status === 'done' && !sampled && <ErrorAlert error={{ code: 'internal', message: t('synth.training.unreadable') }} title={t('synth.export.sampleFailed')} />}
                {sampled && (
                  <Alert color="teal" variant="light" icon={<IconCheck size={18} />} title={t('synth.export.sampled', { rows: format.integer(sampled.rows) })} data-testid="synth-sample-done">
                    <Stack gap={4}>
                      <Text size="sm">{t('synth.export.savedAs')}</Text>
                      <PathWithCopy path={sampled.file} testId="synth-sample-file" />
                      <Text size="xs" c="dimmed">
                        {t('synth.export.sampleFacts', { copies: format.integer(sampled.droppedCopies), speed: format.integer(sampled.rowsPerSecond), seconds: format.duration(sampled.seconds) })}
                      </Text>
                      {sampled.encrypted ? (
                        <ArchiveDoneNote />
                      ) : (
                        <Group gap={6} wrap="nowrap" align="flex-start">
                          <IconLockOpen size={16} style={{ flexShrink: 0 }} />
                          <Text size="xs" data-testid="synth-sample-unencrypted">
                            {t('synth.export.notEncrypted')}
                          </Text>
                        </Group>
                      )}
                      {download && (
                        <Anchor href={download} download={fileNameOf(sampled.file)} size="sm" data-testid="synth-sample-download">
                          <Group gap={4} component="span">
                            <IconDownload size={14} />
                            {t('synth.export.download', { file: fileNameOf(sampled.file) })}
                          </Group>
                        </Anchor>
                      )}
                    </Stack>
                  </Alert>
                )}
              </Stack>
            </form>
          </Paper>
          <Paper p="sm" withBorder>
            <form
              onSubmit={(event) => {
                event.preventDefault();
                startBuild();
              }}
            >
              <Stack gap="xs">
                <Text fw={600}>{t('synth.export.workspaceTitle')}</Text>
                <Group align="flex-start" gap="sm">
                  <TextInput w={200} label={t('synth.export.workspaceName')} placeholder={t('synth.export.workspaceNamePlaceholder')} value={name} onChange={(event) => setName(event.currentTarget.value)} data-testid="synth-workspace-name" />
                  <NumberInput w={140} label={t('synth.export.workspaceRows')} min={1} max={1_000_000} allowDecimal={false} thousandSeparator="," value={workspaceRows} onChange={setWorkspaceRows} data-testid="synth-workspace-rows" />
                </Group>
                <Text size="xs" c="dimmed">
                  {t('synth.export.workspaceHint')}
                </Text>
                <Group>
                  <Button type="submit" variant="default" leftSection={<IconDatabasePlus size={16} />} disabled={modelId === null || !name.trim() || !isCount(workspaceRows) || build.running} loading={build.starting} data-testid="synth-workspace">
                    {t('synth.export.workspace')}
                  </Button>
                </Group>
                <JobStatusPanel job={build} title={t('synth.export.building')} failedTitle={t('synth.export.buildFailed')} onRetry={startBuild} testId="synth-workspace-job" />
                {build.job?.status === 'done' && !built && <ErrorAlert error={{ code: 'internal', message: t('synth.training.unreadable') }} title={t('synth.export.buildFailed')} />}
                {built && (
                  <Alert color="teal" variant="light" icon={<IconCheck size={18} />} title={t('synth.export.built', { name: built.name })} data-testid="synth-workspace-done">
                    <Stack gap={6}>
                      <Text size="sm">{built.summary}</Text>
                      <Text size="xs" c="dimmed">
                        {t('synth.export.builtFacts', { customers: format.integer(built.customers), orders: format.integer(built.orders) })}
                      </Text>
                      <Group>
                        <Button size="compact-sm" variant="light" loading={opening} onClick={() => void openWorkspace(built.name)} data-testid="synth-workspace-open">
                          {t('synth.export.openWorkspace', { name: built.name })}
                        </Button>
                      </Group>
                      {openError && <ErrorAlert error={openError} />}
                    </Stack>
                  </Alert>
                )}
              </Stack>
            </form>
          </Paper>
        </SimpleGrid>
      </Stack>
    </Paper>
  );
}
