import { CloseButton, Group, Paper, SimpleGrid, Stack, Tabs, Text, Title } from '@mantine/core';
import { IconChartBar, IconLock, IconTarget, IconTimeline } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SynthModelReport } from '../../../shared/synth-schemas';
import { useFormat } from '../format/useFormat';
import { EfficacyReport, PrivacyReport, VerdictBadge } from './PrivacyReport';
import { QualityReport } from './QualityReport';
import { GanChart } from './SynthCharts';
import { methodName, scoreColor } from './synth-labels';

type Props = { reports: readonly SynthModelReport[]; onClose: () => void };
type Section = 'quality' | 'efficacy' | 'privacy' | 'training';

/** One twin in a line: method, source, rows and columns learned, how long, on which backend. */
function ModelHeader({ report }: { report: SynthModelReport }) {
  const { t } = useTranslation();
  const format = useFormat();
  const training =
    report.method === 'gan' && report.epochs !== null
      ? t('synth.report.epochs', { epochs: format.integer(report.epochs), best: report.bestEpoch === null ? t('common.none') : format.integer(report.bestEpoch) })
      : null;
  return (
    <Paper p="sm" withBorder data-testid={`synth-report-${report.method}`} data-model-id={report.id}>
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <div>
          <Title order={3}>{t('synth.report.modelTitle', { method: methodName(report.method, t), id: String(report.id) })}</Title>
          <Text size="xs" c="dimmed">
            {t('synth.report.meta', {
              source: report.source,
              rows: format.integer(report.rows),
              columns: format.integer(report.columns),
              when: format.dateTime(report.createdAt),
            })}
          </Text>
          <Text size="xs" c="dimmed">
            {[
              t('synth.report.trained', { seconds: format.duration(report.seconds), backend: report.backend, seed: String(report.seed) }),
              training,
              report.privacy.dp ? t('synth.report.dp', { epsilon: format.decimal(report.privacy.dp.epsilon, 2) }) : null,
            ]
              .filter(Boolean)
              .join(' · ')}
          </Text>
        </div>
        <Stack gap={4} align="flex-end" style={{ flexShrink: 0 }}>
          <Text size="xl" fw={700} c={scoreColor(report.quality)} className="tabular" title={t('synth.quality.overall')}>
            {format.percent(report.quality)}
          </Text>
          <VerdictBadge verdict={report.verdict} />
        </Stack>
      </Group>
    </Paper>
  );
}

/** The reports of one twin or of two side by side (GAN and copula trained together, or two opened to compare). */
export function SynthReports({ reports, onClose }: Props) {
  const { t } = useTranslation();
  const [section, setSection] = useState<Section>('quality');
  const gans = reports.filter((r) => r.method === 'gan');
  return (
    <Paper p="md" data-testid="synth-reports" data-models={reports.length}>
      <Stack gap="md">
        <Group justify="space-between" wrap="nowrap">
          <div>
            <Title order={2}>{t('synth.report.title')}</Title>
            <Text size="xs" c="dimmed">
              {t('synth.report.subtitle')}
            </Text>
          </div>
          <CloseButton onClick={onClose} aria-label={t('synth.report.close')} />
        </Group>
        <SimpleGrid cols={reports.length} spacing="md">
          {reports.map((report) => (
            <ModelHeader key={report.id} report={report} />
          ))}
        </SimpleGrid>
        <Tabs value={section} onChange={(value) => value && setSection(value as Section)} data-testid="synth-report-tabs">
          <Tabs.List mb="md">
            <Tabs.Tab value="quality" leftSection={<IconChartBar size={16} />} data-testid="synth-tab-quality">
              {t('synth.report.tabs.quality')}
            </Tabs.Tab>
            <Tabs.Tab value="efficacy" leftSection={<IconTarget size={16} />} data-testid="synth-tab-efficacy">
              {t('synth.report.tabs.efficacy')}
            </Tabs.Tab>
            <Tabs.Tab value="privacy" leftSection={<IconLock size={16} />} data-testid="synth-tab-privacy">
              {t('synth.report.tabs.privacy')}
            </Tabs.Tab>
            {gans.length > 0 && (
              <Tabs.Tab value="training" leftSection={<IconTimeline size={16} />} data-testid="synth-tab-training">
                {t('synth.report.tabs.training')}
              </Tabs.Tab>
            )}
          </Tabs.List>
          <Tabs.Panel value="quality">{section === 'quality' && <QualityReport reports={reports} />}</Tabs.Panel>
          <Tabs.Panel value="efficacy">{section === 'efficacy' && <EfficacyReport reports={reports} />}</Tabs.Panel>
          <Tabs.Panel value="privacy">{section === 'privacy' && <PrivacyReport reports={reports} />}</Tabs.Panel>
          <Tabs.Panel value="training">
            {section === 'training' && (
              <Stack gap="sm">
                <Text size="sm" c="dimmed" maw={860}>
                  {t('synth.report.trainingIntro')}
                </Text>
                {gans.map((report) => (
                  <GanChart key={report.id} points={report.history} bestEpoch={report.bestEpoch} testId={`synth-history-${report.id}`} />
                ))}
              </Stack>
            )}
          </Tabs.Panel>
        </Tabs>
      </Stack>
    </Paper>
  );
}
