import { Button, Code, CopyButton, Group } from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

type Props = { path: string; testId: string };

/** A file or folder the app has written, in full (wrapping anywhere), with a button that copies it. */
export function PathWithCopy({ path, testId }: Props) {
  const { t } = useTranslation();
  return (
    <Group gap={6} wrap="nowrap">
      <Code style={{ wordBreak: 'break-all', flex: 1 }} data-testid={testId}>
        {path}
      </Code>
      <CopyButton value={path}>
        {({ copied, copy }) => (
          <Button size="compact-xs" variant="subtle" style={{ flexShrink: 0 }} onClick={copy} leftSection={copied ? <IconCheck size={12} /> : <IconCopy size={12} />}>
            {copied ? t('common.copied') : t('common.copy')}
          </Button>
        )}
      </CopyButton>
    </Group>
  );
}
