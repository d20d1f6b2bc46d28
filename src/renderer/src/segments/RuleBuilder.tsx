import { ActionIcon, Badge, Button, Group, Paper, SegmentedControl, Select, Stack, Text, Tooltip } from '@mantine/core';
import { IconBan, IconFolderPlus, IconPlus, IconTrash } from '@tabler/icons-react';
import { Fragment, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { RULE_LIMITS, segmentFieldKinds, type SegmentField } from '../../../shared/segment-schemas';
import { EventEditor } from './EventEditor';
import { EVENT_GROUP, FIELD_GROUPS, OP_KEYS, type ConditionChoice, type FieldCatalog } from './field-catalog';
import { FieldValueEditor } from './FieldValueEditor';
import {
  addChild,
  newEvent,
  newField,
  newGroup,
  newPending,
  removeNode,
  updateNode,
  type ConditionDraft,
  type EventDraft,
  type FieldDraft,
  type GroupDraft,
  type NodeDraft,
  type PendingDraft,
} from './rule-model';

export type BuilderProps = {
  root: GroupDraft;
  onChange: (update: (root: GroupDraft) => GroupDraft) => void;
  catalog: FieldCatalog;
  currency: string;
  /** Messages from the engine, by the node they are about. */
  errors: ReadonlyMap<string, string>;
  incomplete: ReadonlySet<string>;
  /** The node whose first control takes the focus when it appears (the one just added). */
  focusId: string | null;
  onFocusNode: (id: string) => void;
};

const DEPTH_COLOURS = ['brand', 'teal', 'orange', 'grape', 'cyan', 'pink', 'lime', 'yellow'];

/** The nested rule: groups of conditions, combined with all / any, each negatable. */
export function RuleBuilder(props: BuilderProps) {
  return <GroupEditor {...props} group={props.root} depth={0} />;
}

function GroupEditor(props: BuilderProps & { group: GroupDraft; depth: number }) {
  const { t } = useTranslation();
  const { group, depth, onChange, onFocusNode } = props;
  const isRoot = depth === 0;
  const colour = DEPTH_COLOURS[depth % DEPTH_COLOURS.length] ?? 'brand';
  const full = group.children.length >= RULE_LIMITS.children;
  // A NOT wrapper is a level of the rule too.
  const canNest = depth + 2 < RULE_LIMITS.depth;

  const add = (node: NodeDraft, afterId?: string): void => {
    onChange((root) => addChild(root, group.id, node, afterId));
    onFocusNode(node.type === 'group' ? (node.children[0]?.id ?? node.id) : node.id);
  };
  const update = (change: Partial<GroupDraft>): void => onChange((root) => updateNode(root, group.id, (node) => ({ ...node, ...change }) as NodeDraft));

  return (
    <Paper
      p="sm"
      withBorder
      radius="md"
      style={{ borderLeft: `3px solid var(--mantine-color-${colour}-filled)`, background: isRoot ? undefined : 'var(--mantine-color-default-hover)' }}
      role="group"
      aria-label={t(isRoot ? 'segments.builder.rootLabel' : 'segments.builder.groupLabel')}
      data-testid="rule-group"
      data-mode={group.mode}
      data-negated={group.negated}
      data-depth={depth}
    >
      <Group justify="space-between" wrap="nowrap" gap="xs">
        <Group gap="xs" wrap="wrap">
          {group.negated && <NotBadge />}
          <Text size="sm">{t(group.negated ? 'segments.builder.matchNot' : 'segments.builder.match')}</Text>
          <SegmentedControl
            size="xs"
            value={group.mode}
            onChange={(mode) => update({ mode: mode === 'any' ? 'any' : 'all' })}
            data={[
              { value: 'all', label: t('segments.builder.all') },
              { value: 'any', label: t('segments.builder.any') },
            ]}
            aria-label={t('segments.builder.modeLabel')}
            data-testid="group-mode"
          />
          <Text size="sm">{t('segments.builder.ofThese')}</Text>
        </Group>
        <Group gap={2} wrap="nowrap">
          <NotToggle negated={group.negated} onToggle={() => update({ negated: !group.negated })} />
          {!isRoot && (
            <Tooltip label={t('segments.builder.removeGroup')}>
              <ActionIcon variant="subtle" color="gray" onClick={() => onChange((root) => removeNode(root, group.id))} aria-label={t('segments.builder.removeGroup')} data-testid="group-remove">
                <IconTrash size={16} />
              </ActionIcon>
            </Tooltip>
          )}
        </Group>
      </Group>
      <Stack gap={6} mt="xs">
        {group.children.length === 0 && (
          <Text size="sm" c="dimmed" fs="italic">
            {t(isRoot ? 'segments.builder.emptyRoot' : 'segments.builder.emptyGroup')}
          </Text>
        )}
        {group.children.map((child, index) => (
          <Fragment key={child.id}>
            {index > 0 && (
              <Badge size="xs" variant="light" color={group.mode === 'all' ? 'gray' : 'orange'} style={{ alignSelf: 'flex-start' }} ml={4}>
                {t(group.mode === 'all' ? 'segments.builder.joinAnd' : 'segments.builder.joinOr')}
              </Badge>
            )}
            {child.type === 'group' ? (
              <GroupEditor {...props} group={child} depth={depth + 1} />
            ) : (
              <ConditionRow {...props} node={child} onAddAfter={() => add(newPending(), child.id)} />
            )}
          </Fragment>
        ))}
      </Stack>
      <Group gap="xs" mt="sm">
        <Button size="compact-sm" variant="light" leftSection={<IconPlus size={14} />} disabled={full} onClick={() => add(newPending())} data-testid="add-condition">
          {t('segments.builder.addCondition')}
        </Button>
        <Button size="compact-sm" variant="subtle" leftSection={<IconFolderPlus size={14} />} disabled={full || !canNest} onClick={() => add(newGroup(group.mode === 'all' ? 'any' : 'all', [newPending()]))} data-testid="add-group">
          {t('segments.builder.addGroup')}
        </Button>
      </Group>
    </Paper>
  );
}

/** Turns a condition or group around. Off it is a quiet icon; on, the row also starts with a red NOT. */
function NotToggle({ negated, onToggle }: { negated: boolean; onToggle: () => void }) {
  const { t } = useTranslation();
  return (
    <Tooltip label={t(negated ? 'segments.builder.notOn' : 'segments.builder.notOff')}>
      <ActionIcon variant={negated ? 'light' : 'subtle'} color={negated ? 'red' : 'gray'} onClick={onToggle} aria-pressed={negated} aria-label={t('segments.builder.notLabel')} data-testid="toggle-not">
        <IconBan size={16} />
      </ActionIcon>
    </Tooltip>
  );
}

function NotBadge() {
  const { t } = useTranslation();
  return (
    <Badge color="red" variant="filled" size="sm" radius="sm" data-testid="not-badge">
      {t('segments.builder.not')}
    </Badge>
  );
}

/** The picker of what a condition tests: fields by group, then events. */
function useChoices(catalog: FieldCatalog) {
  const { t } = useTranslation();
  return [
    ...FIELD_GROUPS.map((group) => ({
      group: t(`segments.fieldGroups.${group.key}`),
      items: group.fields.filter((field) => catalog.has(field)).map((field) => ({ value: `field:${field}`, label: t(`segments.fields.${field}`) })),
    })),
    { group: t(`segments.fieldGroups.${EVENT_GROUP.key}`), items: EVENT_GROUP.events.map((event) => ({ value: `event:${event}`, label: t(`segments.events.names.${event}`) })) },
  ];
}

const choiceOf = (node: ConditionDraft | PendingDraft): ConditionChoice | null =>
  node.type === 'field' ? `field:${node.field}` : node.type === 'event' ? `event:${node.event}` : null;

/** Picking another field keeps the operator and value when they still fit. */
function rechoose(node: ConditionDraft | PendingDraft, choice: string, catalog: FieldCatalog): NodeDraft {
  const [type, name] = choice.split(':') as ['field' | 'event', string];
  if (type === 'event') {
    if (node.type === 'event' && node.event === name) return node;
    return { ...newEvent(name as EventDraft['event']), id: node.id, negated: node.negated };
  }
  const field = name as SegmentField;
  if (node.type === 'field' && segmentFieldKinds[node.field] === segmentFieldKinds[field] && catalog.ops(field).includes(node.op)) {
    const sameValues = catalog.unit(node.field) === catalog.unit(field) && catalog.picker(node.field) === catalog.picker(field);
    return sameValues ? { ...node, field } : { ...newField(field, node.op), id: node.id, negated: node.negated };
  }
  return { ...newField(field), id: node.id, negated: node.negated };
}

/** Enter in a value box adds the next condition; Enter in a picker keeps picking. */
const isPlainInput = (target: EventTarget): boolean =>
  target instanceof HTMLInputElement && !target.hasAttribute('aria-haspopup') && target.getAttribute('role') !== 'combobox';

function ConditionRow({ node, catalog, currency, onChange, errors, incomplete, focusId, onAddAfter }: BuilderProps & { node: ConditionDraft | PendingDraft; onAddAfter: () => void }) {
  const { t } = useTranslation();
  const choices = useChoices(catalog);
  const error = errors.get(node.id);
  const label = node.type === 'field' ? t(`segments.fields.${node.field}`) : node.type === 'event' ? t(`segments.events.names.${node.event}`) : '';
  const replace = (next: NodeDraft): void => onChange((root) => updateNode(root, node.id, () => next));
  const patch = <D extends ConditionDraft>(change: Partial<D>): void => onChange((root) => updateNode(root, node.id, (current) => ({ ...current, ...change }) as NodeDraft));

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (event.key !== 'Enter' || event.defaultPrevented || event.shiftKey || !isPlainInput(event.target)) return;
    event.preventDefault();
    onAddAfter();
  };

  return (
    <Stack gap={2} onKeyDown={onKeyDown} data-testid="condition" data-node-id={node.id} data-type={node.type} data-field={node.type === 'field' ? node.field : undefined} data-event={node.type === 'event' ? node.event : undefined} data-incomplete={incomplete.has(node.id)} data-error={error ? 'true' : undefined}>
      <Group gap="xs" wrap="nowrap" align="flex-start">
        <Group gap="xs" wrap="wrap" align="center" style={{ flex: 1 }}>
          {node.negated && <NotBadge />}
          <Select
            size="sm"
            w={200}
            data={choices}
            value={choiceOf(node)}
            onChange={(choice) => choice && replace(rechoose(node, choice, catalog))}
            searchable
            allowDeselect={false}
            placeholder={t('segments.builder.choose')}
            aria-label={t('segments.builder.whatLabel')}
            nothingFoundMessage={t('segments.builder.nothingFound')}
            autoFocus={focusId === node.id}
            maxDropdownHeight={320}
            error={error ? true : undefined}
            data-testid="condition-field"
          />
          {node.type === 'field' && (
            <>
              <Select
                size="sm"
                w={164}
                data={catalog.ops(node.field).map((op) => ({ value: op, label: t(catalog.kind(node.field) === 'date' ? `segments.dateOps.${OP_KEYS[op]}` : `segments.ops.${OP_KEYS[op]}`) }))}
                value={node.op}
                onChange={(op) => op && patch<FieldDraft>({ op: op as FieldDraft['op'] })}
                allowDeselect={false}
                aria-label={t('segments.builder.opOf', { field: label })}
                data-testid="condition-op"
              />
              <FieldValueEditor draft={node} catalog={catalog} currency={currency} label={label} onChange={(change) => patch<FieldDraft>(change)} />
            </>
          )}
          {node.type === 'event' && <EventEditor draft={node} catalog={catalog} onChange={(change) => patch<EventDraft>(change)} />}
        </Group>
        <Group gap={2} wrap="nowrap" mt={4}>
          <NotToggle negated={node.negated} onToggle={() => patch({ negated: !node.negated })} />
          <Tooltip label={t('segments.builder.removeCondition')}>
            <ActionIcon variant="subtle" color="gray" onClick={() => onChange((root) => removeNode(root, node.id))} aria-label={t('segments.builder.removeCondition')} data-testid="condition-remove">
              <IconTrash size={16} />
            </ActionIcon>
          </Tooltip>
        </Group>
      </Group>
      {error && (
        <Text size="xs" c="red" role="alert" pl={4} data-testid="condition-error">
          {error}
        </Text>
      )}
      {!error && incomplete.has(node.id) && node.type !== 'pending' && (
        <Text size="xs" c="dimmed" pl={4}>
          {t('segments.builder.incomplete')}
        </Text>
      )}
    </Stack>
  );
}
