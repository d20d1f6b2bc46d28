import { Group, PasswordInput, Stack, Switch, Text } from '@mantine/core';
import { IconLock, IconLockOpen } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ArchiveOption as ArchiveInput } from '../../../shared/security-schemas';
import { MIN_PASSPHRASE } from './strength';

export type ArchiveChoice = {
  on: boolean;
  setOn: (on: boolean) => void;
  passphrase: string;
  setPassphrase: (passphrase: string) => void;
  /** Off, or on with a long-enough passphrase. */
  valid: boolean;
  /** What to spread into an export's input: `{ archive: { passphrase } }` or nothing. */
  input: { archive?: ArchiveInput };
  reset: () => void;
};

/** An export dialog's choice between a plain file and an AES-256 zip with a passphrase. */
export function useArchiveChoice(): ArchiveChoice {
  const [on, setOn] = useState(false);
  const [passphrase, setPassphrase] = useState('');
  return {
    on,
    setOn,
    passphrase,
    setPassphrase,
    valid: !on || passphrase.length >= MIN_PASSPHRASE,
    input: on ? { archive: { passphrase } } : {},
    reset: () => {
      setOn(false);
      setPassphrase('');
    },
  };
}

/**
 * Says that the exported file is not encrypted and offers the encrypted archive instead (engine: kernel/export-archive.ts).
 * `testId` prefixes the switch's and the passphrase's test ids.
 */
export function ArchiveOption({ choice, disabled = false, testId }: { choice: ArchiveChoice; disabled?: boolean; testId: string }) {
  const { t } = useTranslation();
  const tooShort = choice.on && choice.passphrase.length > 0 && choice.passphrase.length < MIN_PASSPHRASE;
  return (
    <Stack gap="xs" data-testid={`${testId}-archive-option`}>
      <Group gap={6} wrap="nowrap" align="flex-start">
        {choice.on ? <IconLock size={16} style={{ flexShrink: 0 }} /> : <IconLockOpen size={16} style={{ flexShrink: 0 }} />}
        <Text size="xs" c={choice.on ? 'dimmed' : undefined} data-testid={`${testId}-not-encrypted`}>
          {t('security.archive.notEncrypted')}
        </Text>
      </Group>
      <Switch
        label={t('security.archive.option')}
        description={t('security.archive.optionHint')}
        checked={choice.on}
        onChange={(event) => choice.setOn(event.currentTarget.checked)}
        disabled={disabled}
        data-testid={`${testId}-archive`}
      />
      {choice.on && (
        <PasswordInput
          label={t('security.archive.passphrase')}
          description={t('security.archive.passphraseHint')}
          value={choice.passphrase}
          onChange={(event) => choice.setPassphrase(event.currentTarget.value)}
          error={tooShort ? t('security.passphrase.tooShort', { min: String(MIN_PASSPHRASE) }) : undefined}
          disabled={disabled}
          autoComplete="new-password"
          maw={360}
          data-testid={`${testId}-archive-passphrase`}
        />
      )}
    </Stack>
  );
}

/** The line under a finished archived export. */
export function ArchiveDoneNote() {
  const { t } = useTranslation();
  return (
    <Group gap={6} wrap="nowrap" align="flex-start">
      <IconLock size={16} style={{ flexShrink: 0 }} />
      <Text size="xs" data-testid="export-archive-done">
        {t('security.archive.done')}
      </Text>
    </Group>
  );
}
