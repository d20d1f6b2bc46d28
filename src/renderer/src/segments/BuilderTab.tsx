import { Button, Grid, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconChartBar, IconEraser } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../api/api-error';
import { ErrorAlert } from '../components/ErrorAlert';
import { LiveCountCard } from './LiveCountCard';
import { errorPaths, nodeForPath, toRule, type Compiled } from './rule-model';
import { RuleBuilder } from './RuleBuilder';
import { SaveSegmentPanel } from './SaveSegmentPanel';
import { useSegments } from './SegmentsContext';
import { useLiveCount } from './useLiveCount';
import { WhyPanel } from './WhyPanel';

/** An engine error about the rule, placed on the condition it names; what names none is shown above the builder. */
function placeErrors(error: ApiError | undefined, compiled: Compiled): { byNode: Map<string, string>; general: ApiError | undefined } {
  const byNode = new Map<string, string>();
  if (!error || error.code !== 'bad-input') return { byNode, general: error };
  for (const { path, message } of errorPaths(error.details)) {
    const id = nodeForPath(compiled, path);
    // The root group is "the whole rule": its message reads better above the builder.
    if (id !== undefined && id !== compiled.paths.get('')) byNode.set(id, message ?? error.message);
  }
  return { byNode, general: byNode.size === 0 ? error : undefined };
}

/** The rule builder with its live count, saving, and "why is this customer in it?". */
export function BuilderTab() {
  const { t } = useTranslation();
  const { draft, setDraft, catalog, currency, editing, suggestedName, clearBuilder, go, describe } = useSegments();
  const compiled = useMemo(() => toRule(draft), [draft]);
  const ruleKey = JSON.stringify(compiled.rule);
  const live = useLiveCount(compiled.rule);
  // A fresh rule starts with the cursor in its first condition's picker.
  const [focusId, setFocusId] = useState<string | null>(() => {
    const only = draft.children.length === 1 ? draft.children[0] : undefined;
    return only?.type === 'pending' ? only.id : null;
  });
  const [saveError, setSaveError] = useState<{ error: ApiError; key: string }>();
  const countError = live.countedKey === ruleKey ? live.error : undefined;
  const shownError = saveError?.key === ruleKey ? saveError.error : countError;
  const { byNode, general } = placeErrors(shownError, compiled);

  return (
    <Stack gap="md" data-testid="segment-builder">
      <LiveCountCard
        live={live}
        currency={currency}
        actions={
          <Button variant="default" leftSection={<IconChartBar size={16} />} onClick={() => go({ tab: 'profile', ref: 'draft' })} disabled={compiled.conditions === 0} data-testid="builder-profile">
            {t('segments.builder.profile')}
          </Button>
        }
      />
      <Paper p="md">
        <Group justify="space-between" align="flex-start" mb="sm" wrap="nowrap">
          <div style={{ flex: 1, minWidth: 0 }}>
            <Title order={2}>{editing ? t('segments.builder.editTitle', { name: editing.name }) : t('segments.builder.title')}</Title>
            <Text size="xs" c="dimmed">
              {t('segments.builder.help')}
            </Text>
          </div>
          <Button variant="subtle" color="gray" size="compact-sm" leftSection={<IconEraser size={14} />} onClick={clearBuilder} style={{ flexShrink: 0 }} data-testid="builder-clear">
            {editing ? t('segments.builder.closeEdit') : t('segments.builder.clear')}
          </Button>
        </Group>
        {general && <ErrorAlert error={general} title={t('segments.builder.ruleProblem')} />}
        <RuleBuilder root={draft} onChange={setDraft} catalog={catalog} currency={currency} errors={byNode} incomplete={compiled.incomplete} focusId={focusId} onFocusNode={setFocusId} />
        <Text size="xs" c="dimmed" mt="sm" data-testid="builder-summary">
          {compiled.conditions === 0 ? t('segments.builder.everyone') : t('segments.builder.summary', { rule: describe(compiled.rule) })}
        </Text>
      </Paper>
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 5 }}>
          <SaveSegmentPanel key={`${editing?.id ?? 'new'}:${suggestedName}`} compiled={compiled} count={live.countedKey === ruleKey ? live.data?.count : undefined} onError={(error) => setSaveError(error ? { error, key: ruleKey } : undefined)} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <WhyPanel rule={compiled.rule} totalCustomers={live.data?.totalCustomers} share={live.countedKey === ruleKey ? live.data?.shareCustomers : undefined} />
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
