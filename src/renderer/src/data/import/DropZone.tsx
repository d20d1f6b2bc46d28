import { Loader, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconFileUpload } from '@tabler/icons-react';
import { useRef, useState, type DragEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { IMPORTABLE_EXTENSIONS } from '../../api/choose-file';
import classes from './DropZone.module.css';

type Props = {
  onFile: (file: File) => void;
  busy: boolean;
  busyLabel: string;
};

/** Drop a file here, or click (or press Enter) to pick one. */
export function DropZone({ onFile, busy, busyLabel }: Props) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const [active, setActive] = useState(false);

  const open = (): void => {
    if (!busy) input.current?.click();
  };
  const onDrop = (event: DragEvent<HTMLDivElement>): void => {
    event.preventDefault();
    setActive(false);
    const file = event.dataTransfer.files[0];
    if (file && !busy) onFile(file);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      open();
    }
  };

  return (
    <div
      className={classes.zone}
      role="button"
      tabIndex={0}
      aria-label={t('importWizard.file.dropLabel')}
      aria-busy={busy || undefined}
      data-active={active || undefined}
      data-disabled={busy || undefined}
      onClick={open}
      onKeyDown={onKeyDown}
      onDragOver={(event) => {
        event.preventDefault();
        setActive(true);
      }}
      onDragLeave={() => setActive(false)}
      onDrop={onDrop}
      data-testid="import-drop-zone"
    >
      <input
        ref={input}
        type="file"
        className={classes.hiddenInput}
        accept={IMPORTABLE_EXTENSIONS.join(',')}
        tabIndex={-1}
        aria-hidden
        onChange={(event) => {
          const file = event.currentTarget.files?.[0];
          event.currentTarget.value = '';
          if (file) onFile(file);
        }}
        data-testid="import-file-input"
      />
      <Stack gap={6} align="center">
        <ThemeIcon size={44} radius="xl" variant="light">
          {busy ? <Loader size={20} /> : <IconFileUpload size={22} stroke={1.6} />}
        </ThemeIcon>
        <Text fw={600}>{busy ? busyLabel : t('importWizard.file.dropTitle')}</Text>
        <Text size="sm" c="dimmed">
          {t('importWizard.file.dropHint')}
        </Text>
      </Stack>
    </div>
  );
}
