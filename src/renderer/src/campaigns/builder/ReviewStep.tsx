import { Anchor, Badge, Grid, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { firstLine } from '../../../../shared/copy-text';
import type { Exclusions } from '../../../../shared/campaign-schemas';
import type { Formatters } from '../../format/formatters';
import { useFormat } from '../../format/useFormat';
import { useWorkspaceQuery } from '../../workspace/useWorkspaceQuery';
import type { BuilderStep } from '../campaigns-route';
import { ChannelLabel } from '../CampaignBadges';
import { armShares } from '../plan-model';
import { useAnalysis, useBuilder } from './BuilderContext';
import { ExportPanel } from './ExportPanel';

/** The exclusions in plain words, one line each. */
export function describeExclusions(ex: Exclusions, t: TFunction, format: Formatters): string[] {
  const lines: string[] = [];
  if (ex.contactedWithinDays !== undefined) lines.push(t('campaigns.review.contacted', { days: format.integer(ex.contactedWithinDays) }));
  if (ex.notAcceptingMarketing) lines.push(t('campaigns.review.consent'));
  if (ex.pAliveBelow !== undefined) lines.push(t('campaigns.review.pAlive', { threshold: format.percent(ex.pAliveBelow) }));
  const bought = ex.alreadyBought;
  if (bought) {
    const what = [bought.sku, bought.category].filter(Boolean).join(' / ') || t('campaigns.review.anything');
    lines.push(bought.withinDays ? t('campaigns.review.boughtWithin', { what, days: format.integer(bought.withinDays) }) : t('campaigns.review.bought', { what }));
  }
  return lines;
}

/** Step 7: everything decided, step by step (each one a click away), then the export. */
export function ReviewStep() {
  const { t } = useTranslation();
  const format = useFormat();
  const { plan, segments, goStep, currency, detail } = useBuilder();
  const audience = useAnalysis('campaigns.audience');
  const experiment = useAnalysis('campaigns.experiment');
  const forecast = useAnalysis('campaigns.forecast');
  const library = useWorkspaceQuery('copy.libraryList', plan.name.trim() ? { campaign: plan.name.trim() } : {});
  const shares = armShares(plan.arms);
  const segmentNames = plan.audience.segmentIds.map((id) => segments?.find((s) => s.id === id)?.name ?? t('campaigns.review.segmentGone', { id: String(id) }));
  const exclusions = describeExclusions(plan.audience.exclusions, t, format);
  const messageOf = (index: number): string | null => {
    const content = plan.arms[index]?.content;
    if (content?.fields) return firstLine(content.fields) || null;
    if (content?.libraryItemId !== undefined) {
      const item = library.data?.items.find((i) => i.id === content.libraryItemId);
      return item ? firstLine(item.fields) : t('campaigns.review.libraryItem', { id: String(content.libraryItemId) });
    }
    return null;
  };
  const missing = plan.arms.filter((_, i) => messageOf(i) === null).map((a) => a.name);

  return (
    <Grid gap="md" align="flex-start">
      <Grid.Col span={{ base: 12, md: 7 }}>
        <Stack gap="sm" data-testid="campaign-review">
          <Section step="goal" title={t('campaigns.steps.goal')} onEdit={goStep}>
            <Text size="sm" fw={600}>
              {plan.name}
            </Text>
            <Text size="sm">{t(`copy.goals.${plan.goal}`)}</Text>
          </Section>
          <Section step="audience" title={t('campaigns.steps.audience')} onEdit={goStep}>
            <Text size="sm">{segmentNames.length > 0 ? segmentNames.join(', ') : t('campaigns.review.everyone')}</Text>
            {exclusions.length > 0 && (
              <List size="sm" spacing={0}>
                {exclusions.map((line) => (
                  <List.Item key={line}>{line}</List.Item>
                ))}
              </List>
            )}
            {plan.audience.cap && (
              <Text size="sm">{t('campaigns.review.cap', { size: format.integer(plan.audience.cap.size), by: t(`campaigns.cap.scores.${plan.audience.cap.by}`) })}</Text>
            )}
            {audience.data && (
              <Text size="sm" fw={600} data-testid="campaign-review-audience" data-value={audience.data.size}>
                {t('campaigns.review.audienceSize', { matched: format.integer(audience.data.matched), size: format.integer(audience.data.size) })}
              </Text>
            )}
          </Section>
          <Section step="channel" title={t('campaigns.steps.channel')} onEdit={goStep}>
            <Group gap="md">
              <ChannelLabel channel={plan.channel} />
              <Text size="sm">{plan.sendDate ? format.date(plan.sendDate) : t('campaigns.channel.sendDateDefault')}</Text>
              <Text size="sm">{t('campaigns.review.window', { days: format.integer(plan.experiment.windowDays) })}</Text>
            </Group>
          </Section>
          <Section step="content" title={t('campaigns.steps.content')} onEdit={goStep}>
            {plan.arms.map((arm, index) => (
              <Text size="sm" key={index}>
                <Text span fw={600}>
                  {arm.name}
                </Text>
                {': '}
                {messageOf(index) ?? (
                  <Text span c="orange">
                    {t('campaigns.review.noMessage')}
                  </Text>
                )}
              </Text>
            ))}
          </Section>
          <Section step="experiment" title={t('campaigns.steps.experiment')} onEdit={goStep}>
            <Text size="sm">
              {plan.arms.map((arm, i) => `${arm.name} ${format.percent((shares[i] ?? 0) * (1 - plan.holdout))}`).join(' · ')}
              {' · '}
              {t('campaigns.review.holdout', { share: format.percent(plan.holdout) })}
            </Text>
            {experiment.data && (
              <Badge variant="light" color={experiment.data.enough ? 'teal' : 'red'} data-testid="campaign-review-power" data-enough={experiment.data.enough}>
                {experiment.data.enough ? t('campaigns.power.enough') : t('campaigns.power.notEnough')}
              </Badge>
            )}
          </Section>
          <Section step="forecast" title={t('campaigns.steps.forecast')} onEdit={goStep}>
            {forecast.data && forecast.data.source !== 'none' ? (
              <Text size="sm">
                {t('campaigns.review.forecast', {
                  revenue: format.wholeMoney(forecast.data.revenue.mean, forecast.data.currency),
                  incremental: format.wholeMoney(forecast.data.incrementalRevenue.mean, forecast.data.currency),
                  cost: format.wholeMoney(forecast.data.cost, currency),
                })}
              </Text>
            ) : (
              <Text size="sm" c="dimmed">
                {forecast.data?.sourceText ?? t('campaigns.review.noForecast')}
              </Text>
            )}
          </Section>
        </Stack>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 5 }}>
        <ExportPanel missingContent={missing} exportedBefore={detail.exportedAt} />
      </Grid.Col>
    </Grid>
  );
}

function Section({ step, title, onEdit, children }: { step: BuilderStep; title: string; onEdit: (step: BuilderStep) => void; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Paper p="sm" data-testid={`campaign-review-${step}`}>
      <Group justify="space-between" mb={4}>
        <Title order={4}>{title}</Title>
        <Anchor component="button" size="sm" onClick={() => onEdit(step)} data-testid={`campaign-review-edit-${step}`}>
          {t('campaigns.review.edit')}
        </Anchor>
      </Group>
      <Stack gap={4}>{children}</Stack>
    </Paper>
  );
}
