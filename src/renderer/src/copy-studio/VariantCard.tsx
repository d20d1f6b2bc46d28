import { Badge, Button, Collapse, CopyButton, Divider, Group, List, Paper, Stack, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import {
  IconArrowBackUp,
  IconBookmark,
  IconBookmarkFilled,
  IconCheck,
  IconChevronDown,
  IconChevronRight,
  IconCopy,
  IconDeviceFloppy,
  IconEye,
  IconPencil,
} from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Brief, CopyFields } from '../../../shared/copy-schemas';
import { toApiError } from '../api/api-error';
import { i18n } from '../i18n';
import { useApi } from '../api/useApi';
import { useFormat } from '../format/useFormat';
import { ChannelView } from './ChannelView';
import { CheckBadges, CheckTable } from './Checks';
import { useCopyStudio } from './CopyStudioContext';
import { FieldsEditor, tidyFields } from './FieldsEditor';
import { scoreColor, useFieldText } from './labels';
import { PreviewModal } from './PreviewModal';
import { SaveDialog } from './SaveDialog';
import type { VariantView } from './useGenerate';

type Props = { variant: VariantView; rank: number; brief: Brief };

const sameFields = (a: CopyFields, b: CopyFields): boolean => JSON.stringify(a) === JSON.stringify(b);

/** Checks a variant again while it is edited (debounced), through `copy.check` with the brief it was written for. */
function useRecheck(variant: VariantView, brief: Brief, editing: boolean): boolean {
  const api = useApi();
  const { generation } = useCopyStudio();
  const { updateVariant } = generation;
  const [debounced] = useDebouncedValue(variant.fields, 400);
  const [pending, setPending] = useState(false);
  const checked = useRef(JSON.stringify(variant.fields));
  const latest = useRef(0);
  const stale = JSON.stringify(variant.fields) !== checked.current;

  useEffect(() => {
    const key = JSON.stringify(debounced);
    if (!editing || key === checked.current) return;
    const request = ++latest.current;
    setPending(true);
    api
      .invoke('copy.check', { brief, fields: tidyFields(debounced) })
      .then(({ checks, readingGrade }) => {
        if (request !== latest.current) return;
        checked.current = key;
        updateVariant(variant.id, (v) => ({ ...v, checks, readingGrade }));
      })
      .catch((reason: unknown) => {
        if (request !== latest.current) return;
        const error = toApiError(reason);
        notifications.show({ id: 'copy-recheck', color: 'red', title: i18n.t('copy.edit.recheckFailed'), message: error.message });
      })
      .finally(() => {
        if (request === latest.current) setPending(false);
      });
  }, [debounced, editing, api, brief, updateVariant, variant.id]);

  return editing && (pending || stale);
}

/** One ranked variant: score and why, the copy as its channel shows it, its checks, and what can be done with it. */
export function VariantCard({ variant, rank, brief }: Props) {
  const { t } = useTranslation();
  const format = useFormat();
  const api = useApi();
  const { generation, libraryChanged } = useCopyStudio();
  const { asText } = useFieldText();
  const [editing, setEditing] = useState(false);
  const [showReasons, setShowReasons] = useState(rank === 1);
  const [showChecks, setShowChecks] = useState(false);
  const [saveOpen, setSaveOpen] = useState(false);
  const [previewOpen, setPreviewOpen] = useState(false);
  const [updating, setUpdating] = useState(false);
  const checking = useRecheck(variant, brief, editing);
  const failed = variant.checks.filter((c) => !c.passed).length;
  const passed = variant.checks.length - failed;
  const savedChanged = variant.saved !== null && !sameFields(variant.saved.fields, tidyFields(variant.fields));

  const setFields = (fields: CopyFields): void =>
    generation.updateVariant(variant.id, (v) => ({ ...v, fields, edited: !sameFields(fields, v.original.fields) }));

  const updateSaved = async (): Promise<void> => {
    if (!variant.saved) return;
    setUpdating(true);
    try {
      const fields = tidyFields(variant.fields);
      const item = await api.invoke('copy.libraryUpdate', { id: variant.saved.id, fields });
      generation.updateVariant(variant.id, (v) => ({ ...v, saved: { campaign: item.campaign, id: item.id, fields: item.fields } }));
      libraryChanged();
      notifications.show({ color: 'teal', message: t('copy.save.updated', { campaign: item.campaign }) });
    } catch (reason) {
      const error = toApiError(reason);
      notifications.show({ color: 'red', title: t('copy.save.failed'), message: t('errors.withCode', { message: error.message, code: error.code }) });
    } finally {
      setUpdating(false);
    }
  };

  return (
    <Paper p="md" withBorder data-testid="copy-variant" data-rank={rank} data-score={variant.score} data-variant-id={variant.id} data-edited={variant.edited}>
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap" align="flex-start" gap="sm">
          <Group gap={6} wrap="wrap">
            <Badge size="lg" variant="filled" color="dark" className="tabular" data-testid="copy-variant-rank">
              #{rank}
            </Badge>
            <Badge size="lg" variant="light" color="indigo" tt="none">
              {variant.framework}
            </Badge>
            {variant.engine === 'llm' && (
              <Badge size="lg" variant="outline" color="gray" tt="none">
                {t('copy.variant.llm')}
              </Badge>
            )}
            {variant.edited && (
              <Badge size="lg" variant="outline" color="yellow" tt="none" data-testid="copy-variant-edited">
                {t('copy.variant.edited')}
              </Badge>
            )}
            {variant.saved && (
              <Badge size="lg" variant="light" color="teal" tt="none" leftSection={<IconBookmarkFilled size={12} />} data-testid="copy-variant-saved">
                {t('copy.variant.savedIn', { campaign: variant.saved.campaign })}
              </Badge>
            )}
          </Group>
          <Tooltip label={t('copy.variant.scoreHelp')} multiline w={260}>
            <div style={{ textAlign: 'right', flexShrink: 0 }} data-testid="copy-variant-score">
              <Text size="xl" fw={700} c={scoreColor(variant.score)} lh={1} className="tabular">
                {format.integer(Math.round(variant.score))}
                <Text span size="xs" c="dimmed" fw={500}>
                  {' '}
                  / 100
                </Text>
              </Text>
              <Text size="xs" c="dimmed">
                {t('copy.variant.score')}
              </Text>
            </div>
          </Tooltip>
        </Group>

        <Text size="xs" c="dimmed" mt={-6} data-testid="copy-variant-angle">
          {t('copy.variant.angle', { angle: variant.angle })}
        </Text>

        {editing ? <FieldsEditor fields={variant.fields} onChange={setFields} /> : <ChannelView fields={variant.fields} checks={variant.checks} brief={brief} />}

        <Stack gap={6}>
          <Group justify="space-between" gap="xs">
            <UnstyledButton onClick={() => setShowChecks((v) => !v)} aria-expanded={showChecks} data-testid="copy-checks-toggle">
              <Group gap={4}>
                {showChecks ? <IconChevronDown size={14} /> : <IconChevronRight size={14} />}
                <Text size="sm" fw={600} c={failed > 0 ? 'red' : undefined} data-testid="copy-checks-summary">
                  {checking ? t('copy.checks.checking') : failed === 0 ? t('copy.checks.allPass', { count: passed }) : t('copy.checks.someFail', { failed: String(failed), total: String(variant.checks.length) })}
                </Text>
              </Group>
            </UnstyledButton>
            <Tooltip label={t('copy.variant.gradeHelp')} multiline w={280}>
              <Badge variant="default" tt="none" className="tabular" data-testid="copy-variant-grade">
                {t('copy.variant.grade', { grade: format.decimal(variant.readingGrade, 1) })}
              </Badge>
            </Tooltip>
          </Group>
          <CheckBadges checks={variant.checks} pending={checking} />
          <Collapse expanded={showChecks}>
            <CheckTable checks={variant.checks} />
          </Collapse>
        </Stack>

        <div>
          <UnstyledButton onClick={() => setShowReasons((v) => !v)} aria-expanded={showReasons} data-testid="copy-reasons-toggle">
            <Group gap={4}>
              {showReasons ? <IconChevronDown size={14} /> : <IconChevronRight size={14} />}
              <Text size="sm" fw={600}>
                {t('copy.variant.why', { rank: String(rank) })}
              </Text>
            </Group>
          </UnstyledButton>
          <Collapse expanded={showReasons}>
            <List size="xs" spacing={2} mt={4} ml="md" data-testid="copy-reasons">
              {variant.reasons.map((reason) => (
                <List.Item key={reason}>{reason}</List.Item>
              ))}
            </List>
          </Collapse>
        </div>

        <Divider />
        <Group gap="xs" justify="space-between">
          <Group gap="xs">
            <CopyButton value={asText(tidyFields(variant.fields))}>
              {({ copied, copy }) => (
                <Button
                  size="xs"
                  variant={copied ? 'light' : 'default'}
                  color={copied ? 'teal' : undefined}
                  leftSection={copied ? <IconCheck size={14} /> : <IconCopy size={14} />}
                  onClick={copy}
                  data-testid="copy-variant-copy"
                >
                  {copied ? t('common.copied') : t('common.copy')}
                </Button>
              )}
            </CopyButton>
            {variant.saved ? (
              <Button
                size="xs"
                variant="default"
                leftSection={<IconDeviceFloppy size={14} />}
                disabled={!savedChanged}
                loading={updating}
                onClick={() => void updateSaved()}
                data-testid="copy-variant-update"
              >
                {savedChanged ? t('copy.variant.updateSaved') : t('copy.variant.saved')}
              </Button>
            ) : (
              <Button size="xs" variant="default" leftSection={<IconBookmark size={14} />} onClick={() => setSaveOpen(true)} data-testid="copy-variant-save">
                {t('copy.variant.save')}
              </Button>
            )}
            <Button
              size="xs"
              variant={editing ? 'filled' : 'default'}
              leftSection={editing ? <IconCheck size={14} /> : <IconPencil size={14} />}
              onClick={() => {
                if (editing) setFields(tidyFields(variant.fields));
                setEditing((v) => !v);
              }}
              data-testid="copy-variant-edit"
            >
              {editing ? t('copy.variant.done') : t('copy.variant.edit')}
            </Button>
            {variant.edited && (
              <Button
                size="xs"
                variant="subtle"
                color="gray"
                leftSection={<IconArrowBackUp size={14} />}
                onClick={() => generation.updateVariant(variant.id, (v) => ({ ...v, ...v.original, edited: false }))}
                data-testid="copy-variant-revert"
              >
                {t('copy.variant.revert')}
              </Button>
            )}
          </Group>
          <Button size="xs" variant="light" leftSection={<IconEye size={14} />} onClick={() => setPreviewOpen(true)} data-testid="copy-variant-preview">
            {t('copy.variant.preview')}
          </Button>
        </Group>
      </Stack>
      {saveOpen && <SaveDialog onClose={() => setSaveOpen(false)} variant={variant} brief={brief} />}
      {previewOpen && <PreviewModal onClose={() => setPreviewOpen(false)} fields={tidyFields(variant.fields)} brief={brief} />}
    </Paper>
  );
}
