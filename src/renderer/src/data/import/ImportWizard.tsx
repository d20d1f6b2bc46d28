import { Button, Grid, Group, Paper, Stack, Stepper, Text } from '@mantine/core';
import { IconArrowLeft, IconArrowRight, IconChecklist } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelInput } from '../../../../shared/contract';
import type { FormatOverrides, ImportKind, InspectResult, PiiKind } from '../../../../shared/import-schemas';
import { toApiError, type ApiError } from '../../api/api-error';
import { chooseFile } from '../../api/choose-file';
import { useApi } from '../../api/useApi';
import { displayName } from '../history/ImportHistory';
import { ImportFormats } from '../ImportFormats';
import { ChooseFile } from './ChooseFile';
import { DetectedFormat } from './DetectedFormat';
import { ImportGuide } from './ImportGuide';
import { ImportStep } from './ImportStep';
import { MappingStep } from './MappingStep';
import { missingRequired } from './mapping';
import { PreviewStep } from './PreviewStep';
import { useImportJob } from './useImportJob';
import { ValidateStep } from './ValidateStep';

const STEPS = ['file', 'mapping', 'preview', 'validate', 'import'] as const;
type Step = 0 | 1 | 2 | 3 | 4;

type Props = { onShowHistory: () => void };

/**
 * Import one file in five steps: choose it (and check how it was read), map its columns, preview typed rows,
 * check the whole file without writing, then import, rejecting the file or skipping its bad rows.
 */
export function ImportWizard({ onShowHistory }: Props) {
  const { t } = useTranslation();
  const api = useApi();
  const [step, setStep] = useState<Step>(0);
  const [inspect, setInspect] = useState<InspectResult>();
  const [busy, setBusy] = useState<'uploading' | 'inspecting' | null>(null);
  const [fileError, setFileError] = useState<ApiError>();
  const [overrides, setOverrides] = useState<FormatOverrides>({});
  const [mapping, setMapping] = useState<Record<string, string>>({});
  const [pseudonymize, setPseudonymize] = useState<PiiKind[]>([]);
  const [saveAs, setSaveAs] = useState({ enabled: false, name: '' });
  const check = useImportJob();
  const run = useImportJob();

  const read = async (file: string, kind: ImportKind | undefined, nextOverrides: FormatOverrides): Promise<void> => {
    setBusy('inspecting');
    setFileError(undefined);
    try {
      const result = await api.invoke('import.inspect', { file, kind, overrides: nextOverrides });
      setInspect(result);
      setOverrides(nextOverrides);
      setMapping(result.mapping);
      setPseudonymize((kinds) => kinds.filter((k) => result.fields.some((f) => f.pii === k && Object.values(result.mapping).includes(f.name))));
      setSaveAs({ enabled: false, name: t('importWizard.mapping.defaultName', { kind: t(`importWizard.kinds.${result.kind}`), file: baseName(result.fileName) }) });
      check.reset();
      run.reset();
    } catch (reason) {
      setFileError(toApiError(reason));
    } finally {
      setBusy(null);
    }
  };

  const upload = async (file: File): Promise<void> => {
    setBusy('uploading');
    setFileError(undefined);
    try {
      const chosen = await chooseFile(api.transport, file);
      await read(chosen.handle, undefined, {});
    } catch (reason) {
      setFileError(toApiError(reason));
      setBusy(null);
    }
  };

  const request = (extra: Partial<ChannelInput<'import.start'>>): ChannelInput<'import.start'> | null => {
    if (!inspect) return null;
    const name = saveAs.name.trim();
    return {
      file: inspect.file,
      kind: inspect.kind,
      mapping,
      pseudonymize,
      overrides,
      ...(saveAs.enabled && name ? { saveMappingAs: name } : {}),
      ...extra,
    };
  };

  const startCheck = (): void => {
    const input = request({ dryRun: true, onError: 'skip' });
    if (!input) return;
    run.reset();
    setStep(3);
    void check.start(input);
  };

  const startImport = (onError: 'reject' | 'skip'): void => {
    const input = request({ dryRun: false, onError });
    if (!input) return;
    setStep(4);
    void run.start(input);
  };

  const startOver = (): void => {
    setInspect(undefined);
    setFileError(undefined);
    setOverrides({});
    setMapping({});
    setPseudonymize([]);
    check.reset();
    run.reset();
    setStep(0);
  };

  // Anything changed before the check makes its report stale.
  const edit = <T,>(setter: (value: T) => void) => (value: T) => {
    setter(value);
    check.reset();
  };

  const fileName = inspect ? displayName(inspect.fileName) : '';
  const jobRunning = check.job?.status === 'running' || run.job?.status === 'running' || check.starting || run.starting;
  const missing = inspect ? missingRequired(inspect.fields, mapping) : [];
  const saveAsInvalid = saveAs.enabled && !saveAs.name.trim();
  const reachable = (target: number): boolean =>
    !jobRunning && target < step && !(step === 4 && run.report && run.report.outcome !== 'rejected' && target > 0);

  return (
    <Paper p="lg" data-testid="import-wizard" data-step={STEPS[step]}>
      <Stepper
        active={step === 4 && run.report && run.report.outcome !== 'rejected' ? STEPS.length : step}
        onStepClick={(target) => reachable(target) && setStep(target as Step)}
        size="sm"
        iconSize={30}
        allowNextStepsSelect={false}
        mb="lg"
      >
        {STEPS.map((id, index) => (
          <Stepper.Step
            key={id}
            label={t(`importWizard.steps.${id}.label`)}
            description={t(`importWizard.steps.${id}.description`)}
            allowStepSelect={reachable(index)}
            data-testid={`import-step-${id}`}
          />
        ))}
      </Stepper>

      {step === 0 && !inspect && (
        <Stack gap="lg">
          <Grid gap="lg">
            <Grid.Col span={{ base: 12, md: 7 }}>
              <ChooseFile busy={busy} error={fileError} onFile={(file) => void upload(file)} onChosen={(handle) => void read(handle, undefined, {})} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 5 }}>
              <ImportGuide />
            </Grid.Col>
          </Grid>
          <ImportFormats />
        </Stack>
      )}
      {step === 0 && inspect && (
        <Stack gap="md">
          <DetectedFormat
            inspect={inspect}
            busy={busy !== null}
            onKind={(kind) => void read(inspect.file, kind, overrides)}
            onOverrides={(changed) => void read(inspect.file, inspect.kind, { ...overrides, ...changed })}
            onReplace={startOver}
          />
          {fileError && <ChooseFile busy={busy} error={fileError} onFile={(file) => void upload(file)} onChosen={(handle) => void read(handle, undefined, {})} />}
        </Stack>
      )}
      {step === 1 && inspect && (
        <MappingStep
          inspect={inspect}
          mapping={mapping}
          onMapping={edit(setMapping)}
          pseudonymize={pseudonymize}
          onPseudonymize={edit(setPseudonymize)}
          saveAs={saveAs}
          onSaveAs={setSaveAs}
        />
      )}
      {step === 2 && inspect && <PreviewStep inspect={inspect} mapping={mapping} pseudonymize={pseudonymize} overrides={overrides} />}
      {step === 3 && <ValidateStep check={check} fileName={fileName} onRecheck={startCheck} onImport={startImport} />}
      {step === 4 && (
        <ImportStep
          run={run}
          fileName={fileName}
          onRetry={startCheck}
          onSkipBadRows={() => startImport('skip')}
          onAnother={startOver}
          onHistory={onShowHistory}
        />
      )}

      {step < 3 && inspect && (
        <Group justify="space-between" mt="lg" pt="md" style={{ borderTop: '1px solid var(--mantine-color-default-border)' }}>
          {step > 0 ? (
            <Button variant="default" leftSection={<IconArrowLeft size={16} />} onClick={() => setStep((step - 1) as Step)} data-testid="import-back">
              {t('importWizard.nav.back')}
            </Button>
          ) : (
            <span />
          )}
          <Group gap="sm">
            {step === 1 && missing.length > 0 && (
              <Text size="sm" c="red">
                {t('importWizard.nav.mapRequired')}
              </Text>
            )}
            {step < 2 ? (
              <Button
                rightSection={<IconArrowRight size={16} />}
                onClick={() => setStep((step + 1) as Step)}
                disabled={busy !== null || (step === 1 && (missing.length > 0 || saveAsInvalid))}
                data-testid="import-next"
              >
                {t(step === 0 ? 'importWizard.nav.next.file' : 'importWizard.nav.next.mapping')}
              </Button>
            ) : (
              <Button rightSection={<IconChecklist size={16} />} onClick={startCheck} data-testid="import-check">
                {t('importWizard.nav.check')}
              </Button>
            )}
          </Group>
        </Group>
      )}
      {step === 3 && !jobRunning && (
        <Group mt="lg" pt="md" style={{ borderTop: '1px solid var(--mantine-color-default-border)' }}>
          <Button variant="default" leftSection={<IconArrowLeft size={16} />} onClick={() => setStep(2)} data-testid="import-back">
            {t('importWizard.nav.backToPreview')}
          </Button>
        </Group>
      )}
    </Paper>
  );
}

const baseName = (fileName: string): string => displayName(fileName).replace(/\.[^.]+(\.gz)?$/i, '');
