import { Group, NativeSelect, Table, Text, Tooltip } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { LEARNED_ROLES, type SynthColumnInfo, type SynthRole } from '../../../shared/synth-schemas';
import { useFormat } from '../format/useFormat';

export const isLearned = (role: SynthRole): boolean => LEARNED_ROLES.includes(role);
const LEFT_OUT: readonly SynthRole[] = ['id', 'pii', 'text'];

type Props = {
  columns: readonly SynthColumnInfo[];
  roles: Readonly<Record<string, SynthRole>>;
  onRole: (name: string, role: SynthRole) => void;
  disabled?: boolean;
};

/**
 * The source's columns as detected, with the reason, and a role select per row (a native select: Tab to it, arrows
 * to change). A column detected as personal data and then learned is flagged: its real values may reach the twin.
 */
export function ColumnRoles({ columns, roles, onRole, disabled }: Props) {
  const { t } = useTranslation();
  const format = useFormat();
  const options = [
    { group: t('synth.columns.learned'), items: LEARNED_ROLES.map((role) => ({ value: role, label: t(`synth.roles.${role}`) })) },
    { group: t('synth.columns.leftOut'), items: LEFT_OUT.map((role) => ({ value: role, label: t(`synth.roles.${role}`) })) },
  ];
  return (
    <Table.ScrollContainer minWidth={760} maxHeight={360}>
      <Table striped highlightOnHover stickyHeader verticalSpacing={4} data-testid="synth-columns">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('synth.columns.column')}</Table.Th>
            <Table.Th w={250}>{t('synth.columns.role')}</Table.Th>
            <Table.Th>{t('synth.columns.reason')}</Table.Th>
            <Table.Th ta="right">{t('synth.columns.distinct')}</Table.Th>
            <Table.Th ta="right">{t('synth.columns.missing')}</Table.Th>
            <Table.Th>{t('synth.columns.examples')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {columns.map((column) => {
            const role = roles[column.name] ?? column.role;
            const changed = role !== column.role;
            const exposed = column.role === 'pii' && isLearned(role);
            return (
              <Table.Tr key={column.name} data-testid="synth-column" data-column={column.name} data-role={role}>
                <Table.Td>
                  <Group gap={6} wrap="nowrap">
                    <Text size="sm" fw={500} style={{ wordBreak: 'break-word' }}>
                      {column.name}
                    </Text>
                    {exposed && (
                      <Tooltip label={t('synth.columns.exposed')} multiline w={260} withArrow events={{ hover: true, focus: true, touch: true }}>
                        <span tabIndex={0} aria-label={t('synth.columns.exposed')} style={{ display: 'inline-flex', color: 'var(--mantine-color-orange-6)' }}>
                          <IconAlertTriangle size={14} aria-hidden />
                        </span>
                      </Tooltip>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Group gap={6} wrap="nowrap">
                    <NativeSelect
                      size="xs"
                      w={196}
                      data={options}
                      value={role}
                      disabled={disabled}
                      aria-label={t('synth.columns.roleOf', { column: column.name })}
                      onChange={(event) => onRole(column.name, event.currentTarget.value as SynthRole)}
                      data-testid="synth-column-role"
                    />
                    {changed && (
                      <Text size="xs" c="dimmed" fs="italic">
                        {t('synth.columns.changed')}
                      </Text>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Text size="xs" c="dimmed">
                    {column.reason}
                  </Text>
                </Table.Td>
                <Table.Td ta="right" className="tabular">
                  <Text size="sm">{format.integer(column.distinct)}</Text>
                </Table.Td>
                <Table.Td ta="right" className="tabular">
                  <Text size="sm">{format.integer(column.missing)}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="xs" c="dimmed" lineClamp={1} maw={220} title={column.examples.join(', ')}>
                    {isLearned(column.role) ? column.examples.join(', ') : t('synth.columns.hidden')}
                  </Text>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
