import { Alert, Badge, Button, Grid, Group, Paper, SegmentedControl, Select, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconPencil, IconStarFilled } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ArmPlan } from '../../../../shared/campaign-schemas';
import { firstLine } from '../../../../shared/copy-text';
import type { CopyFields, LibraryItem } from '../../../../shared/copy-schemas';
import { ChannelView } from '../../copy-studio/ChannelView';
import { FieldsEditor } from '../../copy-studio/FieldsEditor';
import { useFormat } from '../../format/useFormat';
import { copyChannelFor, emptyFields, libraryChannelsFor } from '../plan-model';
import { ArmPreview } from './ArmPreview';
import { useBuilder } from './BuilderContext';

type Props = { index: number; arm: ArmPlan; share: number; items: LibraryItem[]; sampleIds: number[] };
type Mode = 'library' | 'write';

/** One arm's message: picked from the library (shown as its channel shows it) or written here, previewed on real members. */
export function ArmContent({ index, arm, share, items, sampleIds }: Props) {
  const { t } = useTranslation();
  const format = useFormat();
  const { plan, update } = useBuilder();
  const fits = libraryChannelsFor(plan.channel);
  const usable = items.filter((item) => fits.includes(item.channel));
  const [mode, setMode] = useState<Mode>(() => (arm.content?.fields ? 'write' : arm.content?.libraryItemId !== undefined || usable.length > 0 ? 'library' : 'write'));
  const chosen = arm.content?.libraryItemId !== undefined ? items.find((item) => item.id === arm.content?.libraryItemId) : undefined;
  const fields = arm.content?.fields;
  const wrongChannel = mode === 'write' && fields !== undefined && !fits.includes(fields.channel);

  const setContent = (content: ArmPlan['content']): void =>
    update((p) => ({ ...p, arms: p.arms.map((a, i) => (i === index ? { ...a, content } : a)) }));
  const writeFields = (next: CopyFields): void => setContent({ fields: next });

  const previewFields = mode === 'write' ? fields : chosen?.fields;

  return (
    <Paper p="md" data-testid="campaign-arm-content" data-arm={arm.name} data-mode={mode} data-item={arm.content?.libraryItemId}>
      <Group justify="space-between" mb="sm" gap="sm">
        <Group gap="xs">
          <Title order={3}>{t('campaigns.content.arm', { name: arm.name })}</Title>
          <Badge variant="light" color="gray" tt="none" className="tabular">
            {t('campaigns.content.share', { share: format.percent(share) })}
          </Badge>
        </Group>
        <SegmentedControl
          size="xs"
          value={mode}
          onChange={(value) => setMode(value === 'write' ? 'write' : 'library')}
          data={[
            { value: 'library', label: t('campaigns.content.fromLibrary') },
            { value: 'write', label: t('campaigns.content.writeHere') },
          ]}
          data-testid="campaign-arm-mode"
        />
      </Group>
      <Grid gap="md" align="flex-start">
        <Grid.Col span={{ base: 12, md: 6 }}>
          {mode === 'library' ? (
            <Stack gap="sm">
              <Select
                label={t('campaigns.content.item')}
                placeholder={usable.length === 0 ? t('campaigns.content.noItems', { name: plan.name }) : t('campaigns.content.itemPlaceholder')}
                data={items.map((item) => ({ value: String(item.id), label: firstLine(item.fields) || item.angle, disabled: !fits.includes(item.channel) }))}
                renderOption={({ option }) => {
                  const item = items.find((i) => String(i.id) === option.value);
                  return (
                    <Stack gap={0} w="100%">
                      <Group gap={4} wrap="nowrap">
                        {item?.starred && <IconStarFilled size={12} color="var(--mantine-color-yellow-filled)" />}
                        <Text size="sm" truncate="end">
                          {option.label}
                        </Text>
                      </Group>
                      <Text size="xs" c="dimmed">
                        {item ? `${t(`copy.channels.${item.channel}`)} · ${item.angle}` : ''}
                      </Text>
                    </Stack>
                  );
                }}
                value={arm.content?.libraryItemId !== undefined ? String(arm.content.libraryItemId) : null}
                onChange={(value) => setContent(value === null ? undefined : { libraryItemId: Number(value) })}
                disabled={items.length === 0}
                clearable
                data-testid="campaign-arm-item"
              />
              {chosen && <ChannelView fields={chosen.fields} checks={chosen.checks} brief={chosen.brief} />}
              {arm.content?.libraryItemId !== undefined && !chosen && (
                <Text size="sm" c="orange">
                  {t('campaigns.content.itemGone')}
                </Text>
              )}
              {chosen && (
                <Button size="compact-sm" variant="subtle" leftSection={<IconPencil size={14} />} onClick={() => {
                  setMode('write');
                  writeFields(chosen.fields);
                }} data-testid="campaign-arm-edit-copy">
                  {t('campaigns.content.editCopy')}
                </Button>
              )}
            </Stack>
          ) : (
            <Stack gap="sm">
              {wrongChannel && (
                <Alert color="orange" variant="light" icon={<IconAlertTriangle size={18} />} data-testid="campaign-arm-wrong-channel">
                  <Text size="sm">{t('campaigns.content.wrongChannel', { channel: t(`campaigns.channels.${plan.channel}`) })}</Text>
                  <Button mt="xs" size="compact-sm" variant="default" onClick={() => writeFields(emptyFields(copyChannelFor(plan.channel)))}>
                    {t('campaigns.content.startAgain')}
                  </Button>
                </Alert>
              )}
              <FieldsEditor fields={fields ?? emptyFields(copyChannelFor(plan.channel))} onChange={writeFields} />
            </Stack>
          )}
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <ArmPreview fields={previewFields} sampleIds={sampleIds} />
        </Grid.Col>
      </Grid>
    </Paper>
  );
}
