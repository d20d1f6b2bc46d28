import { Group, PasswordInput, Progress, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { MIN_PASSPHRASE, passphraseStrength } from './strength';

export type PassphrasePair = { passphrase: string; confirm: string };
export const emptyPair: PassphrasePair = { passphrase: '', confirm: '' };

/** Long enough and typed the same twice. */
export const pairIsValid = (pair: PassphrasePair): boolean => pair.passphrase.length >= MIN_PASSPHRASE && pair.passphrase === pair.confirm;

const COLOURS = { weak: 'red', fair: 'yellow', good: 'teal', strong: 'green' } as const;
const FILLED = { weak: 25, fair: 50, good: 75, strong: 100 } as const;

type Props = {
  value: PassphrasePair;
  onChange: (next: PassphrasePair) => void;
  disabled?: boolean;
  label?: string;
  autoFocus?: boolean;
  testId: string;
};

/** A new passphrase typed twice, with a strength hint from its length and variety. */
export function PassphraseFields({ value, onChange, disabled = false, label, autoFocus = false, testId }: Props) {
  const { t } = useTranslation();
  const strength = passphraseStrength(value.passphrase);
  const tooShort = value.passphrase.length > 0 && strength.length < MIN_PASSPHRASE;
  const mismatch = value.confirm.length > 0 && value.confirm !== value.passphrase;
  return (
    <Stack gap="xs">
      <PasswordInput
        label={label ?? t('security.passphrase.label')}
        value={value.passphrase}
        onChange={(event) => onChange({ ...value, passphrase: event.currentTarget.value })}
        error={tooShort ? t('security.passphrase.tooShort', { min: String(MIN_PASSPHRASE) }) : undefined}
        disabled={disabled}
        autoComplete="new-password"
        data-autofocus={autoFocus || undefined}
        withAsterisk
        data-testid={`${testId}-passphrase`}
      />
      {value.passphrase.length > 0 && (
        <Stack gap={4} data-testid={`${testId}-strength`} data-level={strength.level}>
          <Group gap="xs" wrap="nowrap">
            <Progress value={FILLED[strength.level]} color={COLOURS[strength.level]} size="sm" style={{ flex: 1 }} aria-hidden />
            <Text size="xs" fw={600} c={COLOURS[strength.level]}>
              {t(`security.passphrase.strength.${strength.level}`)}
            </Text>
          </Group>
          <Text size="xs" c="dimmed">
            {t('security.passphrase.strengthHint', { length: String(strength.length), kinds: String(strength.kinds) })}
          </Text>
        </Stack>
      )}
      <PasswordInput
        label={t('security.passphrase.confirm')}
        value={value.confirm}
        onChange={(event) => onChange({ ...value, confirm: event.currentTarget.value })}
        error={mismatch ? t('security.passphrase.mismatch') : undefined}
        disabled={disabled}
        autoComplete="new-password"
        withAsterisk
        data-testid={`${testId}-confirm`}
      />
    </Stack>
  );
}
