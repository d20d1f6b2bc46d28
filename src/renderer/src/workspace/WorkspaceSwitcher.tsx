import { Box, Button, Group, Loader, Menu, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconCheck, IconChevronDown, IconDatabase, IconFolderPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelOutput } from '../../../shared/contract';
import { toApiError } from '../api/api-error';
import { useApi } from '../api/useApi';
import { shortPath } from '../format/short-path';
import { useFormat } from '../format/useFormat';
import { OpenWorkspaceModal } from './OpenWorkspaceModal';
import { useWorkspace } from './useWorkspace';

type Recent = ChannelOutput<'workspace.list'>['recent'][number];

/** The open workspace's name; its menu lists recent workspaces and opens or creates others. */
export function WorkspaceSwitcher() {
  const { t } = useTranslation();
  const api = useApi();
  const format = useFormat();
  const { workspace, refresh } = useWorkspace();
  const [recent, setRecent] = useState<Recent[] | null>(null);
  const [switching, setSwitching] = useState<string | null>(null);
  const [modalOpened, modal] = useDisclosure(false);

  const loadRecent = (): void => {
    api.invoke('workspace.list', {}).then(
      (list) => setRecent(list.recent),
      (reason: unknown) => {
        setRecent([]);
        const error = toApiError(reason);
        notifications.show({ color: 'red', title: t('workspace.listFailed'), message: t('errors.withCode', { message: error.message, code: error.code }) });
      },
    );
  };

  const open = async (path: string): Promise<void> => {
    setSwitching(path);
    try {
      const opened = await api.invoke('workspace.open', { recent: path });
      notifications.show({ color: 'teal', message: t('workspace.switched', { name: opened.name }) });
    } catch (reason) {
      const error = toApiError(reason);
      // An encrypted workspace opens locked: the lock screen asks for its passphrase.
      if (error.code === 'workspace-encrypted') return refresh();
      notifications.show({
        color: 'red',
        autoClose: false,
        title: t('workspace.switchFailed'),
        message: t('errors.withCode', { message: error.message, code: error.code }),
      });
    } finally {
      setSwitching(null);
    }
  };

  const others = (recent ?? []).filter((item) => item.path !== workspace?.path);

  return (
    <>
      <Menu position="bottom-start" width={360} onOpen={loadRecent}>
        <Menu.Target>
          <Button
            variant="subtle"
            color="gray"
            size="sm"
            leftSection={switching ? <Loader size={14} /> : <IconDatabase size={16} stroke={1.6} />}
            rightSection={<IconChevronDown size={14} />}
            aria-label={t('workspace.switcherLabel', { name: workspace?.name ?? '' })}
            data-testid="workspace-switcher"
            maw={280}
          >
            <Text size="sm" fw={600} truncate="end">
              {workspace?.name ?? t('workspace.loading')}
            </Text>
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>{t('workspace.current')}</Menu.Label>
          <Group gap="sm" wrap="nowrap" px="sm" py={6} align="flex-start">
            <IconCheck size={16} color="var(--mantine-primary-color-filled)" style={{ marginTop: 2, flexShrink: 0 }} />
            <Box miw={0}>
              <Text size="sm" fw={600}>
                {workspace?.name}
              </Text>
              <Text size="xs" c="dimmed" title={workspace?.path}>
                {workspace ? shortPath(workspace.path) : ''}
              </Text>
            </Box>
          </Group>
          <Menu.Divider />
          <Menu.Label>{t('workspace.recent')}</Menu.Label>
          {recent === null && (
            <Box px="sm" py={6}>
              <Loader size="xs" />
            </Box>
          )}
          {recent !== null && others.length === 0 && (
            <Text size="xs" c="dimmed" px="sm" py={6}>
              {t('workspace.noRecent')}
            </Text>
          )}
          {others.map((item) => (
            <Menu.Item key={item.path} leftSection={<IconDatabase size={16} stroke={1.6} />} onClick={() => void open(item.path)}>
              <Text size="sm" fw={500}>
                {item.name}
              </Text>
              <Text size="xs" c="dimmed" title={item.path}>
                {shortPath(item.path)}
              </Text>
              <Text size="xs" c="dimmed">
                {t('workspace.lastOpened', { when: format.dateTime(item.lastOpenedAt) })}
              </Text>
            </Menu.Item>
          ))}
          <Menu.Divider />
          <Menu.Item leftSection={<IconFolderPlus size={16} stroke={1.6} />} onClick={modal.open} data-testid="workspace-open-new">
            {t('workspace.openOrCreate')}
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <OpenWorkspaceModal
        opened={modalOpened}
        onClose={modal.close}
        onOpened={(name) => notifications.show({ color: 'teal', message: t('workspace.switched', { name }) })}
      />
    </>
  );
}
