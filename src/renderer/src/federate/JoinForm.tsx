import { Button, Group, Paper, Stack, TextInput, Textarea, Title } from '@mantine/core';
import { IconPlugConnected } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../api/api-error';
import { ErrorAlert } from '../components/ErrorAlert';

type Props = {
  defaultOffice: string;
  starting: boolean;
  error: ApiError | undefined;
  onJoin: (input: { code: string; office: string }) => void;
};

/** Paste an invitation code; the proposal is shown (and nothing sent) until the user accepts it. */
export function JoinForm({ defaultOffice, starting, error, onJoin }: Props) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const [office, setOffice] = useState(defaultOffice);
  const ready = code.trim().length >= 8 && office.trim() !== '';
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    if (ready && !starting) onJoin({ code: code.trim(), office: office.trim() });
  };
  return (
    <Paper p="md" data-testid="federate-join">
      <form onSubmit={submit}>
        <Stack gap="sm">
          <Title order={2}>{t('federation.join.title')}</Title>
          <Textarea
            label={t('federation.join.code')}
            placeholder={t('federation.join.codePlaceholder')}
            value={code}
            onChange={(e) => setCode(e.currentTarget.value)}
            autosize
            minRows={2}
            maxRows={5}
            spellCheck={false}
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
            onKeyDown={(e) => {
              // Enter joins (a code is one line); Shift+Enter still breaks the line.
              if (e.key === 'Enter' && !e.shiftKey) submit(e);
            }}
            data-testid="federate-code"
          />
          <TextInput label={t('federation.join.office')} value={office} onChange={(e) => setOffice(e.currentTarget.value)} maxLength={120} maw={420} data-testid="federate-join-office" />
          {error && <ErrorAlert error={error} title={t('federation.join.failed')} />}
          <Group>
            <Button type="submit" leftSection={<IconPlugConnected size={16} />} disabled={!ready} loading={starting} data-testid="federate-connect">
              {t('federation.join.connect')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
