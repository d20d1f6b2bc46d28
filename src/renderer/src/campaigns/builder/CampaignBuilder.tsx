import { Button, Group, Paper, Skeleton, Stepper, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowLeft, IconArrowRight, IconLock, IconReportAnalytics, IconTrash } from '@tabler/icons-react';
import { useEffect, useMemo, useState, type ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import { toApiError, type ApiError } from '../../api/api-error';
import { useApi } from '../../api/useApi';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Page } from '../../components/Page';
import { useFormat } from '../../format/useFormat';
import { useWorkspace } from '../../workspace/useWorkspace';
import { useWorkspaceQuery } from '../../workspace/useWorkspaceQuery';
import { StatusBadge } from '../CampaignBadges';
import { CampaignMissing } from '../CampaignMissing';
import { BUILDER_STEPS, homeRoute, type BuilderStep, type Go } from '../campaigns-route';
import { AudienceStep } from './AudienceStep';
import { BuilderContext, type BuilderValue } from './BuilderContext';
import stepperClasses from './BuilderStepper.module.css';
import { ChannelStep } from './ChannelStep';
import { ContentStep } from './ContentStep';
import { ExperimentStep } from './ExperimentStep';
import { ForecastStep } from './ForecastStep';
import { GoalStep } from './GoalStep';
import { ReviewStep } from './ReviewStep';
import { SaveStatus } from './SaveStatus';
import { useCampaignDraft } from './useCampaignDraft';

type Props = { id: number; step: BuilderStep; go: Go };

const STEP_VIEWS: Record<BuilderStep, ComponentType> = {
  goal: GoalStep,
  audience: AudienceStep,
  channel: ChannelStep,
  content: ContentStep,
  experiment: ExperimentStep,
  forecast: ForecastStep,
  review: ReviewStep,
};

/** The campaign builder: seven steps, each one revisitable, the draft saved at every change. */
export function CampaignBuilder({ id, step, go }: Props) {
  const { t } = useTranslation();
  const format = useFormat();
  const api = useApi();
  const { workspace } = useWorkspace();
  const draft = useCampaignDraft(id);
  const segments = useWorkspaceQuery('segments.list', {});
  const [deleting, setDeleting] = useState(false);
  const [deleteBusy, setDeleteBusy] = useState(false);
  const [deleteError, setDeleteError] = useState<ApiError>();
  const { detail, plan } = draft;

  // A campaign without a plan (imported, or the demo's) has nothing to build: its report is the place to go.
  useEffect(() => {
    if (detail && !detail.plan) go({ view: 'report', id }, { replace: true });
  }, [detail, go, id]);

  const value = useMemo<BuilderValue | null>(
    () =>
      detail && plan
        ? {
            id,
            detail,
            plan,
            update: draft.update,
            frozen: detail.status !== 'draft',
            currency: workspace?.currency ?? 'EUR',
            segments: segments.data?.segments,
            problem: (path) => draft.problems[path],
            savedVersion: draft.savedVersion,
            goStep: (next) => go({ view: 'builder', id, step: next }),
            flush: draft.flush,
          }
        : null,
    [detail, plan, id, draft.update, draft.problems, draft.savedVersion, draft.flush, workspace?.currency, segments.data, go],
  );

  const back = () => go(homeRoute());
  if (draft.loadError && !detail) {
    return (
      <Page title={t('sections.campaigns.title')}>
        <CampaignMissing error={draft.loadError} onBack={back} onRetry={draft.reload} />
      </Page>
    );
  }
  if (!value) {
    return (
      <Page title={t('sections.campaigns.title')}>
        <Skeleton h={480} />
      </Page>
    );
  }

  const index = BUILDER_STEPS.indexOf(step);
  const StepView = STEP_VIEWS[step];
  const confirmDelete = async (): Promise<void> => {
    setDeleteBusy(true);
    try {
      await api.invoke('campaigns.delete', { id });
      notifications.show({ color: 'teal', message: t('campaigns.delete.done', { name: value.plan.name }) });
      back();
    } catch (reason) {
      setDeleteError(toApiError(reason));
      setDeleteBusy(false);
    }
  };

  const toolbar = (
    <>
      <Button variant="default" leftSection={<IconArrowLeft size={16} />} onClick={back} data-testid="campaign-back">
        {t('campaigns.backToList')}
      </Button>
      {value.detail.status !== 'draft' && (
        <Button variant="light" leftSection={<IconReportAnalytics size={16} />} onClick={() => go({ view: 'report', id })} data-testid="campaign-open-report">
          {t('campaigns.openReport')}
        </Button>
      )}
      <Button variant="subtle" color="red" leftSection={<IconTrash size={16} />} onClick={() => setDeleting(true)} data-testid="campaign-delete">
        {t('campaigns.delete.button')}
      </Button>
    </>
  );
  const subtitle = t('campaigns.builder.subtitle', {
    goal: t(`copy.goals.${value.plan.goal}`),
    channel: t(`campaigns.channels.${value.plan.channel}`),
    date: value.plan.sendDate ? format.date(value.plan.sendDate) : t('campaigns.channel.noDate'),
  });

  return (
    <Page title={value.plan.name} subtitle={subtitle} toolbar={toolbar}>
      <BuilderContext value={value}>
        <Paper p="md" data-testid="campaign-builder" data-id={id} data-status={value.detail.status} data-step={step}>
          <Group justify="space-between" mb="md" gap="sm">
            <Group gap="sm">
              <StatusBadge status={value.detail.status} />
              {value.frozen && (
                <Group gap={4}>
                  <IconLock size={14} />
                  <Text size="sm" c="dimmed" data-testid="campaign-frozen-note">
                    {t('campaigns.builder.frozen', { when: value.detail.exportedAt ? format.dateTime(value.detail.exportedAt) : '' })}
                  </Text>
                </Group>
              )}
            </Group>
            <SaveStatus draft={draft} />
          </Group>
          <Stepper
            active={index}
            onStepClick={(i) => value.goStep(BUILDER_STEPS[i] ?? 'goal')}
            allowNextStepsSelect
            size="xs"
            iconSize={26}
            wrap={false}
            classNames={stepperClasses}
            // Every step stays editable: the ones before the current step are visited, not "done".
            completedIcon={({ step: n }) => n + 1}
            data-testid="campaign-stepper"
          >
            {BUILDER_STEPS.map((s) => {
              // Named for screen readers too: on a narrow window only the current step shows its label.
              const label = t(`campaigns.steps.${s}`);
              return <Stepper.Step key={s} label={label} aria-label={label} data-testid={`campaign-step-${s}`} aria-current={s === step ? 'step' : undefined} />;
            })}
          </Stepper>
        </Paper>
        <div data-testid={`campaign-step-body-${step}`}>
          <StepView />
        </div>
        <Group justify="space-between">
          <Button
            variant="default"
            leftSection={<IconArrowLeft size={16} />}
            disabled={index === 0}
            onClick={() => value.goStep(BUILDER_STEPS[index - 1] ?? 'goal')}
            data-testid="campaign-step-previous"
          >
            {index > 0 ? t('campaigns.builder.previous', { step: t(`campaigns.steps.${BUILDER_STEPS[index - 1] ?? 'goal'}`) }) : t('campaigns.builder.first')}
          </Button>
          {index < BUILDER_STEPS.length - 1 && (
            <Button rightSection={<IconArrowRight size={16} />} onClick={() => value.goStep(BUILDER_STEPS[index + 1] ?? 'review')} data-testid="campaign-step-next">
              {t('campaigns.builder.next', { step: t(`campaigns.steps.${BUILDER_STEPS[index + 1] ?? 'review'}`) })}
            </Button>
          )}
        </Group>
      </BuilderContext>
      <ConfirmDialog
        opened={deleting}
        title={t('campaigns.delete.title', { name: value.plan.name })}
        confirmLabel={t('campaigns.delete.confirm')}
        danger
        busy={deleteBusy}
        error={deleteError}
        onConfirm={() => void confirmDelete()}
        onClose={() => {
          setDeleting(false);
          setDeleteError(undefined);
        }}
        testId="campaign-delete-dialog"
      >
        <Text size="sm">{t(value.detail.status === 'draft' ? 'campaigns.delete.textDraft' : 'campaigns.delete.textSent')}</Text>
      </ConfirmDialog>
    </Page>
  );
}
