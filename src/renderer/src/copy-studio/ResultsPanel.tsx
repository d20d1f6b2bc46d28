import { Alert, Anchor, Badge, Button, Group, List, Paper, ScrollArea, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconBulb, IconChartLine, IconInfoCircle, IconSparkles, IconWand } from '@tabler/icons-react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { briefSchema } from '../../../shared/copy-schemas';
import { useApiEvent } from '../api/useApiEvent';
import { navigate } from '../app/navigation';
import { useFormat } from '../format/useFormat';
import { JobProgress } from '../jobs/JobProgress';
import { toBrief } from './brief-model';
import { useCopyStudio } from './CopyStudioContext';
import type { GeneratedSet } from './useGenerate';
import { VariantCard } from './VariantCard';

/** The right column: progress while writing, then the ranked variants with what ranked them. */
export function ResultsPanel() {
  const { t } = useTranslation();
  const { generation } = useCopyStudio();
  const { job, set } = generation;
  const running = job?.status === 'running';
  return (
    <Stack gap="md" data-testid="copy-results" data-copy-variants>
      {job && running && (
        <Paper p="md" withBorder data-testid="copy-job">
          <JobProgress job={job} size="md" />
          <StreamedText jobId={job.id} />
        </Paper>
      )}
      {job?.status === 'cancelled' && !running && (
        <Alert variant="light" color="gray" icon={<IconInfoCircle size={18} />} data-testid="copy-cancelled">
          {set ? t('copy.result.cancelledKept') : t('copy.result.cancelled')}
        </Alert>
      )}
      {set ? <GeneratedView set={set} /> : !running && <WriteEmpty />}
    </Stack>
  );
}

/**
 * The language model's text so far. It listens to the job's progress itself, so a streamed update re-renders this
 * box only, not the whole studio (the jobs list ignores updates that carry nothing but text).
 */
function StreamedText({ jobId }: { jobId: string }) {
  const { t } = useTranslation();
  const viewport = useRef<HTMLDivElement>(null);
  const [text, setText] = useState('');
  useApiEvent('job.progress', (payload) => {
    if (payload.jobId === jobId && payload.preview !== undefined) setText(payload.preview);
  });
  useEffect(() => {
    viewport.current?.scrollTo({ top: viewport.current.scrollHeight });
  }, [text]);
  if (!text) return null;
  return (
    <Stack gap={4} mt="sm">
      <Text size="xs" c="dimmed">
        {t('copy.result.streaming')}
      </Text>
      <ScrollArea.Autosize mah={220} viewportRef={viewport} type="auto">
        <Text size="sm" ff="monospace" style={{ whiteSpace: 'pre-wrap' }} aria-live="polite" data-testid="copy-streamed">
          {text}
        </Text>
      </ScrollArea.Autosize>
    </Stack>
  );
}

function GeneratedView({ set }: { set: GeneratedSet }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { draft, generation } = useCopyStudio();
  const { result } = set;
  const model = result.responseModel;
  // The brief in the form no longer matches the one these variants were written for.
  const changed = useMemo(() => {
    const parsed = briefSchema.safeParse(toBrief(draft));
    return !parsed.success || JSON.stringify(parsed.data) !== JSON.stringify(set.brief);
  }, [draft, set.brief]);
  const engineLabel = result.engine.kind === 'llm' ? t('copy.result.engineLlm', { model: result.engine.model ?? t('copy.generate.llm') }) : t('copy.result.engineBuiltin');

  return (
    <Stack gap="md">
      <Paper p="md" data-testid="copy-result-summary">
        <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
          <div>
            <Title order={2}>{t('copy.result.title', { count: set.variants.length })}</Title>
            <Text size="xs" c="dimmed" data-testid="copy-result-facts" className="tabular">
              {[
                engineLabel,
                t('copy.result.candidates', { count: result.candidates, formatted: format.integer(result.candidates) }),
                result.elapsedMs < 1000
                  ? t('copy.result.elapsedMs', { value: format.integer(Math.max(1, Math.round(result.elapsedMs))) })
                  : t('copy.result.elapsed', { value: format.duration(result.elapsedMs / 1000) }),
                t('copy.result.seed', { seed: String(result.seed) }),
              ].join(' · ')}
            </Text>
          </div>
          <Badge variant="light" color={model.status === 'trained' ? 'teal' : 'gray'} style={{ flexShrink: 0 }} data-testid="copy-model-badge">
            {model.status === 'trained' ? t('copy.result.modelTrained') : t('copy.result.modelRules')}
          </Badge>
        </Group>
        <Group gap="xs" mt="xs" wrap="nowrap" align="flex-start" data-testid="copy-response-model" data-status={model.status}>
          <ThemeIcon size="sm" variant="light" color={model.status === 'trained' ? 'teal' : 'gray'}>
            <IconChartLine size={14} />
          </ThemeIcon>
          <Text size="xs">
            {model.status === 'trained'
              ? t('copy.result.modelTrainedText', {
                  count: model.campaigns,
                  target: model.target === 'converted' ? t('copy.result.targetConverted') : t('copy.result.targetClicked'),
                  detail: model.detail,
                })
              : t('copy.result.modelNeedsText', { count: model.needed, have: String(model.campaigns) })}{' '}
            {model.status !== 'trained' && (
              <Anchor component="button" type="button" size="xs" onClick={() => navigate('data')}>
                {t('copy.result.importResults')}
              </Anchor>
            )}
          </Text>
        </Group>
        {result.engine.detail && (
          <Text size="xs" c="dimmed" mt={4} data-testid="copy-engine-detail">
            {result.engine.detail}
          </Text>
        )}
        {result.audience && (
          <Text size="xs" c="dimmed" mt={4} data-testid="copy-result-audience">
            {t('copy.result.audience', {
              name: result.audience.segmentName ?? t('copy.audience.everyone'),
              customers: format.integer(result.audience.customers),
            })}
          </Text>
        )}
        {changed && (
          <Group gap="xs" mt="sm" data-testid="copy-brief-changed">
            <Text size="xs" c="yellow.8">
              {t('copy.result.briefChanged')}
            </Text>
            <Button size="compact-xs" variant="light" leftSection={<IconSparkles size={12} />} onClick={generation.start}>
              {t('copy.generate.again')}
            </Button>
          </Group>
        )}
      </Paper>
      {set.variants.length === 0 ? (
        <Paper p="lg">
          <Text size="sm" c="dimmed" ta="center">
            {t('copy.result.none')}
          </Text>
        </Paper>
      ) : (
        set.variants.map((variant, index) => <VariantCard key={variant.id} variant={variant} rank={index + 1} brief={set.brief} />)
      )}
    </Stack>
  );
}

/** Before the first generation: what a brief is, what comes back, and a sample to start from. */
function WriteEmpty() {
  const { t } = useTranslation();
  const { fillSample, sampleBusy, hasCustomers } = useCopyStudio();
  const points = t('copy.empty.points', { returnObjects: true });
  return (
    <Paper p="xl" data-testid="copy-empty">
      <Stack gap="sm" maw={520} mx="auto" align="center">
        <ThemeIcon size={52} radius="xl" variant="light">
          <IconBulb size={28} stroke={1.5} />
        </ThemeIcon>
        <Title order={2} ta="center">
          {t('copy.empty.title')}
        </Title>
        <Text size="sm" c="dimmed" ta="center">
          {t('copy.empty.text')}
        </Text>
        <List size="sm" spacing={4} mt="xs" c="dimmed">
          {points.map((point) => (
            <List.Item key={point}>{point}</List.Item>
          ))}
        </List>
        <Button mt="sm" leftSection={<IconWand size={16} />} onClick={() => void fillSample()} loading={sampleBusy} disabled={!hasCustomers} data-testid="copy-empty-sample">
          {t('copy.empty.sample')}
        </Button>
        {!hasCustomers && (
          <Text size="xs" c="dimmed" ta="center">
            {t('copy.sample.needsData')}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
