import { Alert, Autocomplete, Button, Group, Loader, NumberInput, Paper, SegmentedControl, Select, Stack, Switch, Text, Title } from '@mantine/core';
import { IconFileSpreadsheet, IconInfoCircle, IconPlayerPlay } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { GAN_DEFAULT_EPOCHS, type SynthColumns, type SynthRole, type SynthSource, type SynthTrainInput } from '../../../shared/synth-schemas';
import { toApiError, type ApiError } from '../api/api-error';
import { chooseFile } from '../api/choose-file';
import { useApi } from '../api/useApi';
import { ErrorAlert } from '../components/ErrorAlert';
import { ChooseFile } from '../data/import/ChooseFile';
import { useFormat } from '../format/useFormat';
import { useWorkspace } from '../workspace/useWorkspace';
import { ColumnRoles, isLearned } from './ColumnRoles';
import { trainInput, type MethodChoice } from './train-input';

const TABLES = ['customers', 'orders', 'order_lines', 'products', 'reviews', 'campaign_results'] as const;
type Table = (typeof TABLES)[number];
type SourceKind = SynthSource['kind'];

type Props = {
  running: boolean;
  onTrain: (input: SynthTrainInput) => void;
};

/**
 * Under this many rows the GAN learns little and the copula makes the better twin (1,000 Adult rows: quality 0.89
 * and efficacy F1 0.55 for the copula, 0.76 and 0.31 for the GAN after 68 epochs), so the screen says so.
 */
const SMALL_TABLE_ROWS = 3000;

/** The privacy budget the switch starts at (a common choice in the DP-SGD literature: strong but usable). */
const DEFAULT_EPSILON = 3;

/**
 * What the twin learns: the source (a table of the workspace, the customer features, or a CSV file), its columns
 * with the role each plays, the efficacy target, the methods and how long to train.
 */
export function SetupPanel({ running, onTrain }: Props) {
  const { t } = useTranslation();
  const api = useApi();
  const format = useFormat();
  const { workspace } = useWorkspace();
  // An empty workspace has nothing to learn but a file.
  const [kind, setKind] = useState<SourceKind>(workspace?.isEmpty ? 'file' : 'customer-features');
  const [table, setTable] = useState<Table>('customers');
  const [file, setFile] = useState<{ handle: string; name: string } | null>(null);
  const [busy, setBusy] = useState<'uploading' | 'inspecting' | null>(null);
  const [fileError, setFileError] = useState<ApiError>();
  const [info, setInfo] = useState<{ key: string; columns: SynthColumns } | null>(null);
  const [infoError, setInfoError] = useState<ApiError>();
  const [roles, setRoles] = useState<Record<string, SynthRole>>({});
  const [target, setTarget] = useState<string | null>(null);
  const [positive, setPositive] = useState('');
  const [methods, setMethods] = useState<MethodChoice>('both');
  const [epochs, setEpochs] = useState<number | string>(GAN_DEFAULT_EPOCHS);
  const [seed, setSeed] = useState<number | string>(1);
  const [dp, setDp] = useState(false);
  const [epsilon, setEpsilon] = useState<number | string>(DEFAULT_EPSILON);

  const source: SynthSource | null =
    kind === 'table' ? { kind, table } : kind === 'customer-features' ? { kind } : file ? { kind, file: file.handle } : null;
  const sourceKey = source ? JSON.stringify(source) : null;

  useEffect(() => {
    if (!sourceKey) return;
    let live = true;
    setInfoError(undefined);
    api.invoke('synth.columns', { source: JSON.parse(sourceKey) as SynthSource }).then(
      (columns) => {
        if (!live) return;
        setInfo({ key: sourceKey, columns });
        setRoles(Object.fromEntries(columns.columns.map((c) => [c.name, c.role])));
        setTarget(null);
        setPositive('');
      },
      (reason: unknown) => live && setInfoError(toApiError(reason)),
    );
    return () => {
      live = false;
    };
  }, [api, sourceKey]);

  const onFile = async (picked: File): Promise<void> => {
    setBusy('uploading');
    setFileError(undefined);
    try {
      const chosen = await chooseFile(api.transport, picked);
      setFile({ handle: chosen.handle, name: chosen.name });
    } catch (reason) {
      setFileError(toApiError(reason));
    } finally {
      setBusy(null);
    }
  };

  const columns = info && info.key === sourceKey ? info.columns : null;
  const loading = sourceKey !== null && !columns && !infoError;
  const learned = columns?.columns.filter((c) => isLearned(roles[c.name] ?? c.role)) ?? [];
  const targets = learned.filter((c) => (roles[c.name] ?? c.role) === 'categorical');
  const targetInfo = targets.find((c) => c.name === target);
  const useGan = methods !== 'copula';
  const validNumber = (value: number | string): value is number => typeof value === 'number' && Number.isInteger(value);
  const validEpsilon = typeof epsilon === 'number' && epsilon >= 0.1 && epsilon <= 100;
  const ready = source !== null && columns !== null && learned.length > 0 && columns.rows > 0 && validNumber(seed) && (!useGan || (validNumber(epochs) && (!dp || validEpsilon)));

  const train = (): void => {
    if (!ready || !source || !columns) return;
    onTrain(
      trainInput({
        source,
        columns: columns.columns,
        roles,
        target,
        positive,
        methods,
        epochs: typeof epochs === 'number' ? epochs : GAN_DEFAULT_EPOCHS,
        seed: typeof seed === 'number' ? seed : 1,
        epsilon: dp && useGan && validEpsilon ? epsilon : null,
      }),
    );
  };

  return (
    <Paper p="md" data-testid="synth-setup">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          train();
        }}
      >
        <Stack gap="sm">
          <div>
            <Title order={2}>{t('synth.setup.title')}</Title>
            <Text size="sm" c="dimmed" maw={820}>
              {t('synth.setup.subtitle')}
            </Text>
          </div>
          <Group align="flex-end" gap="md">
            <div>
              <Text size="sm" fw={500} mb={4} id="synth-source-label">
                {t('synth.setup.source')}
              </Text>
              <SegmentedControl
                aria-labelledby="synth-source-label"
                value={kind}
                onChange={(value) => setKind(value as SourceKind)}
                disabled={running}
                data={[
                  { value: 'customer-features', label: t('synth.setup.sources.customer-features') },
                  { value: 'table', label: t('synth.setup.sources.table') },
                  { value: 'file', label: t('synth.setup.sources.file') },
                ]}
                data-testid="synth-source"
              />
            </div>
            {kind === 'table' && (
              <Select
                w={220}
                label={t('synth.setup.table')}
                data={TABLES.map((value) => ({ value, label: t(`synth.setup.tables.${value}`) }))}
                value={table}
                onChange={(value) => value && setTable(value as Table)}
                allowDeselect={false}
                disabled={running}
                data-testid="synth-table"
              />
            )}
            {kind === 'file' && file && (
              <Group gap="xs" pb={6}>
                <IconFileSpreadsheet size={18} />
                <Text size="sm" fw={500} data-testid="synth-file-name">
                  {file.name}
                </Text>
                <Button variant="subtle" size="xs" onClick={() => setFile(null)} disabled={running}>
                  {t('synth.setup.anotherFile')}
                </Button>
              </Group>
            )}
          </Group>
          <Text size="xs" c="dimmed">
            {t(`synth.setup.sourceHint.${kind}`)}
          </Text>

          {kind === 'file' && !file && <ChooseFile busy={busy} error={fileError} onFile={(picked) => void onFile(picked)} onChosen={(handle) => setFile({ handle, name: t('synth.setup.chosenFile') })} />}
          {infoError && <ErrorAlert error={infoError} title={t('synth.setup.columnsFailed')} />}
          {loading && (
            <Group gap="xs">
              <Loader size="xs" />
              <Text size="sm" c="dimmed">
                {t('synth.setup.reading')}
              </Text>
            </Group>
          )}
          {columns && columns.rows === 0 && (
            <Alert color="gray" variant="light" icon={<IconInfoCircle size={18} />} data-testid="synth-no-rows">
              {t('synth.setup.noRows', { source: columns.source })}
            </Alert>
          )}

          {columns && columns.rows > 0 && (
            <>
              <Text size="sm" data-testid="synth-columns-summary">
                {t('synth.setup.summary', {
                  source: columns.source,
                  rows: format.integer(columns.rows),
                  learned: format.integer(learned.length),
                  leftOut: format.integer(columns.columns.length - learned.length),
                })}
              </Text>
              <ColumnRoles columns={columns.columns} roles={roles} onRole={(name, role) => setRoles((current) => ({ ...current, [name]: role }))} disabled={running} />
              {learned.length === 0 && <Text size="sm" c="red">{t('synth.setup.nothingLearned')}</Text>}
              <Group align="flex-start" gap="md">
                <Select
                  w={220}
                  label={t('synth.setup.target')}
                  description={t('synth.setup.targetHint')}
                  placeholder={targets.length ? t('synth.setup.noTarget') : t('synth.setup.noCategories')}
                  data={targets.map((c) => ({ value: c.name, label: t('synth.setup.targetOption', { name: c.name, count: c.distinct }) }))}
                  value={target}
                  onChange={(value) => {
                    setTarget(value);
                    setPositive('');
                  }}
                  clearable
                  disabled={running || targets.length === 0}
                  data-testid="synth-target"
                />
                <Autocomplete
                  w={240}
                  label={t('synth.setup.positive')}
                  description={t('synth.setup.positiveHint')}
                  data={targetInfo?.examples ?? []}
                  value={positive}
                  onChange={setPositive}
                  disabled={running || !target}
                  data-testid="synth-positive"
                />
              </Group>
              <Group align="flex-start" gap="md">
                <div>
                  <Text size="sm" fw={500} mb={4} id="synth-methods-label">
                    {t('synth.setup.methods')}
                  </Text>
                  <SegmentedControl
                    aria-labelledby="synth-methods-label"
                    value={methods}
                    onChange={(value) => setMethods(value as MethodChoice)}
                    disabled={running}
                    data={[
                      { value: 'both', label: t('synth.setup.methodChoice.both') },
                      { value: 'gan', label: t('synth.setup.methodChoice.gan') },
                      { value: 'copula', label: t('synth.setup.methodChoice.copula') },
                    ]}
                    data-testid="synth-methods"
                  />
                  <Text size="xs" c="dimmed" mt={4} maw={420}>
                    {t(`synth.setup.methodHint.${methods}`)}
                  </Text>
                  {useGan && columns.rows < SMALL_TABLE_ROWS && (
                    <Text size="xs" c="orange.8" mt={4} maw={420} data-testid="synth-small-table">
                      {t('synth.setup.smallTable', { rows: format.integer(columns.rows) })}
                    </Text>
                  )}
                </div>
                <NumberInput w={120} label={t('synth.setup.epochs')} description={t('synth.setup.epochsHint')} min={1} max={2000} allowDecimal={false} value={epochs} onChange={setEpochs} disabled={running || !useGan} data-testid="synth-epochs" />
                <NumberInput w={110} label={t('synth.setup.seed')} description={t('synth.setup.seedHint')} min={0} max={2 ** 31 - 1} allowDecimal={false} value={seed} onChange={setSeed} disabled={running} data-testid="synth-seed" />
              </Group>
              {useGan && (
                <Group align="flex-start" gap="md">
                  <Stack gap={4} maw={560}>
                    <Switch
                      mt={4}
                      label={t('synth.setup.dp')}
                      description={t('synth.setup.dpHint')}
                      checked={dp}
                      onChange={(event) => setDp(event.currentTarget.checked)}
                      disabled={running}
                      data-testid="synth-dp"
                    />
                    {dp && (
                      <Text size="xs" c="orange.8" pl={46} data-testid="synth-dp-cost">
                        {t('synth.setup.dpCost')}
                      </Text>
                    )}
                  </Stack>
                  {dp && (
                    <NumberInput
                      w={150}
                      label={t('synth.setup.epsilon')}
                      description={t('synth.setup.epsilonHint')}
                      min={0.1}
                      max={100}
                      step={0.5}
                      decimalScale={2}
                      value={epsilon}
                      onChange={setEpsilon}
                      disabled={running}
                      error={validEpsilon ? undefined : t('synth.setup.epsilonRange')}
                      data-testid="synth-epsilon"
                    />
                  )}
                </Group>
              )}
              <Group>
                <Button type="submit" leftSection={<IconPlayerPlay size={16} />} disabled={!ready || running} data-testid="synth-train">
                  {t('synth.setup.train')}
                </Button>
                <Text size="xs" c="dimmed">
                  {t('synth.setup.holdoutNote')}
                </Text>
              </Group>
            </>
          )}
        </Stack>
      </form>
    </Paper>
  );
}
