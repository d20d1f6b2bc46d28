import { Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconCopy, IconHistory, IconPencil, IconRepeat, IconStar, IconStarFilled, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { LibraryItem } from '../../../shared/copy-schemas';
import { useFormat } from '../format/useFormat';
import { ChannelView } from './ChannelView';
import { CheckBadges } from './Checks';
import type { LibraryActions } from './LibraryGrid';
import { scoreColor } from './labels';

/** The chosen saved item in full, with every action as a button (reachable without the grid). */
export function LibraryDetail({ item, actions }: { item: LibraryItem; actions: LibraryActions }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Paper p="md" data-testid="copy-library-detail" data-item-id={item.id}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <div>
            <Group gap={6}>
              <Title order={3}>{item.campaign}</Title>
              <Badge variant="light" color="indigo" tt="none">
                {t(`copy.channels.${item.channel}`)}
              </Badge>
              <Badge variant="light" color="indigo" tt="none">
                {item.framework}
              </Badge>
            </Group>
            <Text size="xs" c="dimmed" mt={2}>
              {t('copy.variant.angle', { angle: item.angle })}
            </Text>
            <Text size="xs" c="dimmed">
              {t('copy.library.detailFacts', {
                created: format.dateTime(item.createdAt),
                updated: format.dateTime(item.updatedAt),
                count: item.revisions,
              })}
            </Text>
          </div>
          {item.score !== null && (
            <Text size="xl" fw={700} c={scoreColor(item.score)} className="tabular" style={{ whiteSpace: 'nowrap' }}>
              {format.integer(Math.round(item.score))}
              <Text span size="xs" c="dimmed" fw={500}>
                {' '}
                / 100
              </Text>
            </Text>
          )}
        </Group>
        <ChannelView fields={item.fields} checks={item.checks} brief={item.brief} />
        <CheckBadges checks={item.checks} />
        {item.note && (
          <Text size="sm" c="dimmed" style={{ whiteSpace: 'pre-wrap' }}>
            {item.note}
          </Text>
        )}
        <Group gap="xs">
          <Button
            size="xs"
            variant="default"
            leftSection={item.starred ? <IconStarFilled size={14} /> : <IconStar size={14} />}
            onClick={() => actions.star(item)}
            aria-pressed={item.starred}
            data-testid="copy-detail-star"
          >
            {item.starred ? t('copy.library.unstar') : t('copy.library.star')}
          </Button>
          <Button size="xs" variant="default" leftSection={<IconPencil size={14} />} onClick={() => actions.edit(item)} data-testid="copy-detail-edit">
            {t('copy.library.edit')}
          </Button>
          <Button size="xs" variant="default" leftSection={<IconHistory size={14} />} onClick={() => actions.history(item)} data-testid="copy-detail-history">
            {t('copy.library.historyCount', { count: item.revisions })}
          </Button>
          <Button size="xs" variant="default" leftSection={<IconRepeat size={14} />} onClick={() => actions.reuse(item)} data-testid="copy-detail-reuse">
            {t('copy.library.reuse')}
          </Button>
          <Button size="xs" variant="default" leftSection={<IconCopy size={14} />} onClick={() => actions.copy(item)} data-testid="copy-detail-copy">
            {t('common.copy')}
          </Button>
          <Button size="xs" variant="subtle" color="red" leftSection={<IconTrash size={14} />} onClick={() => actions.remove(item)} data-testid="copy-detail-delete">
            {t('copy.library.delete')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
