import { Badge, Button, Group, Paper, ScrollArea, Stack, Table, Tabs, Text, Title, Tooltip, VisuallyHidden } from '@mantine/core';
import { IconAlertTriangle, IconArrowBackUp, IconCircleCheckFilled, IconPlayerPlay } from '@tabler/icons-react';
import { useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ModelKind, ModelSummary } from '../../../shared/model-schemas';
import { toApiError, type ApiError } from '../api/api-error';
import { useApi } from '../api/useApi';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { useFormat } from '../format/useFormat';
import { JobProgress } from '../jobs/JobProgress';
import { useJobs } from '../jobs/useJobs';
import { BackendBadge } from '../settings/BackendBadge';
import { asBackend, headlineText, MODEL_KINDS, modelName } from './model-labels';

type Props = {
  models: readonly ModelSummary[];
  kind: ModelKind;
  onKind: (kind: ModelKind) => void;
  selectedId: number | null;
  onSelect: (id: number) => void;
};

/** The active version of the same kind (and category) as `model`, if another one is active. */
const activeOf = (models: readonly ModelSummary[], model: ModelSummary): ModelSummary | undefined =>
  models.find((m) => m.kind === model.kind && m.category === model.category && m.active);

/** Every stored version per kind: which one is active, how good each was, and a way to switch (or roll back). */
export function VersionsPanel({ models, kind, onKind, selectedId, onSelect }: Props) {
  const { t } = useTranslation();
  const jobs = useJobs();
  const api = useApi();
  const [asking, setAsking] = useState<ModelSummary | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const scoring = jobs.runningOf('model.score');
  const shown = models
    .filter((m) => m.kind === kind)
    .sort((a, b) => (a.category ?? '').localeCompare(b.category ?? '') || b.version - a.version);

  const activate = async (model: ModelSummary): Promise<void> => {
    setBusy(true);
    setError(undefined);
    try {
      const { jobId } = await api.invoke('models.activate', { id: model.id });
      jobs.track(jobId);
      setAsking(null);
    } catch (reason) {
      setError(toApiError(reason));
    } finally {
      setBusy(false);
    }
  };

  const current = asking ? activeOf(models, asking) : undefined;
  const rollBack = asking !== null && current !== undefined && asking.version < current.version;

  return (
    <Paper p="md" data-testid="model-versions">
      <Stack gap="sm">
        <div>
          <Title order={2}>{t('modelLab.versions.title')}</Title>
          <Text size="xs" c="dimmed">
            {t('modelLab.versions.subtitle')}
          </Text>
        </div>
        <Tabs value={kind} onChange={(value) => value && onKind(value as ModelKind)} keepMounted={false}>
          <Tabs.List>
            {MODEL_KINDS.map((k) => (
              <Tabs.Tab key={k} value={k} data-testid={`versions-tab-${k}`}>
                {t('modelLab.versions.tab', { kind: t(`modelLab.kinds.${k}`), count: models.filter((m) => m.kind === k).length })}
              </Tabs.Tab>
            ))}
          </Tabs.List>
        </Tabs>
        {scoring && (
          <Paper p="sm" bg="var(--mantine-color-default-hover)" withBorder={false} data-testid="model-scoring">
            <JobProgress job={scoring} size="sm" />
          </Paper>
        )}
        {shown.length === 0 ? (
          <Text size="sm" c="dimmed" py="md" data-testid="versions-empty">
            {t(`modelLab.versions.empty.${kind}`)}
          </Text>
        ) : (
          <VersionsTable models={shown} all={models} selectedId={selectedId} onSelect={onSelect} onActivate={setAsking} activating={scoring !== undefined} />
        )}
      </Stack>
      <ConfirmDialog
        opened={asking !== null}
        title={
          asking
            ? t(rollBack ? 'modelLab.activate.rollBackTitle' : 'modelLab.activate.title', { model: modelName(asking, t), version: String(asking.version) })
            : ''
        }
        confirmLabel={rollBack ? t('modelLab.activate.rollBack') : t('modelLab.activate.confirm')}
        busy={busy}
        error={error}
        onConfirm={() => asking && void activate(asking)}
        onClose={() => {
          setAsking(null);
          setError(undefined);
        }}
        testId="model-activate-dialog"
      >
        {asking && (
          <Stack gap="xs">
            <Text size="sm">{t(`modelLab.activate.text.${asking.kind}`, { version: String(asking.version) })}</Text>
            {current && (
              <Text size="sm" c="dimmed">
                {t('modelLab.activate.replaces', { version: String(current.version) })}
              </Text>
            )}
          </Stack>
        )}
      </ConfirmDialog>
    </Paper>
  );
}

type TableProps = {
  models: readonly ModelSummary[];
  all: readonly ModelSummary[];
  selectedId: number | null;
  onSelect: (id: number) => void;
  onActivate: (model: ModelSummary) => void;
  activating: boolean;
};

/** Rows are focusable: arrows move between versions, Enter or Space shows a version's card. */
function VersionsTable({ models, all, selectedId, onSelect, onActivate, activating }: TableProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const withCategory = models.some((m) => m.category !== null);

  const onRowKey = (event: KeyboardEvent<HTMLTableRowElement>, model: ModelSummary): void => {
    if (event.target !== event.currentTarget) return;
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      onSelect(model.id);
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const next = event.key === 'ArrowDown' ? event.currentTarget.nextElementSibling : event.currentTarget.previousElementSibling;
      if (next instanceof HTMLElement) next.focus();
    }
  };

  return (
    <ScrollArea.Autosize mah={300} type="auto">
      <Table fz="sm" verticalSpacing={6} horizontalSpacing="sm" highlightOnHover withTableBorder stickyHeader>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('modelLab.versions.columns.version')}</Table.Th>
            {withCategory && <Table.Th>{t('modelLab.versions.columns.category')}</Table.Th>}
            <Table.Th>{t('modelLab.versions.columns.created')}</Table.Th>
            <Table.Th ta="right">{t('modelLab.versions.columns.rows')}</Table.Th>
            <Table.Th ta="right">{t('modelLab.versions.columns.headline')}</Table.Th>
            <Table.Th>{t('modelLab.versions.columns.backend')}</Table.Th>
            <Table.Th>
              <VisuallyHidden>{t('modelLab.versions.columns.status')}</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {models.map((model) => {
            const selected = model.id === selectedId;
            const active = activeOf(all, model);
            const backend = asBackend(model.backend);
            return (
              <Table.Tr
                key={model.id}
                tabIndex={0}
                aria-selected={selected}
                onClick={() => onSelect(model.id)}
                onKeyDown={(event) => onRowKey(event, model)}
                bg={selected ? 'var(--mantine-primary-color-light)' : undefined}
                style={{ cursor: 'pointer' }}
                data-testid="model-version"
                data-id={model.id}
                data-version={model.version}
                data-active={model.active}
                data-selected={selected}
              >
                <Table.Td fw={600}>
                  <Group gap={6} wrap="nowrap">
                    {t('modelLab.versions.version', { version: String(model.version) })}
                    {model.warnings.length > 0 && (
                      <Tooltip label={model.warnings.join(' · ')} multiline w={280} withArrow>
                        <IconAlertTriangle
                          size={15}
                          color="var(--mantine-color-yellow-6)"
                          aria-label={t('modelLab.versions.warnings', { count: model.warnings.length })}
                          data-testid="model-version-warnings"
                        />
                      </Tooltip>
                    )}
                  </Group>
                </Table.Td>
                {withCategory && <Table.Td>{model.category ?? ''}</Table.Td>}
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{format.dateTime(model.createdAt)}</Table.Td>
                <Table.Td ta="right" className="tabular">
                  {format.integer(model.rows)}
                </Table.Td>
                <Table.Td ta="right" className="tabular" style={{ whiteSpace: 'nowrap' }} data-testid="model-version-headline">
                  {headlineText(model, format, t)}
                </Table.Td>
                <Table.Td>{backend ? <BackendBadge backend={backend} /> : <Badge variant="light" color="gray">{model.backend}</Badge>}</Table.Td>
                <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                  {model.active ? (
                    <Badge color="teal" variant="light" leftSection={<IconCircleCheckFilled size={12} />} data-testid="model-version-active">
                      {t('modelLab.versions.active')}
                    </Badge>
                  ) : (
                    <Button
                      size="compact-xs"
                      variant="light"
                      leftSection={active && model.version < active.version ? <IconArrowBackUp size={12} /> : <IconPlayerPlay size={12} />}
                      disabled={activating}
                      onClick={(event) => {
                        event.stopPropagation();
                        onActivate(model);
                      }}
                      aria-label={t('modelLab.versions.activateNamed', { model: modelName(model, t), version: String(model.version) })}
                      data-testid="model-version-activate"
                    >
                      {active && model.version < active.version ? t('modelLab.versions.rollBack') : t('modelLab.versions.activate')}
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </ScrollArea.Autosize>
  );
}
