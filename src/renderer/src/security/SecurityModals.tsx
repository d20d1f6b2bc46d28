import { Alert, Button, Checkbox, Group, Modal, PasswordInput, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconLock, IconLockOpen } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { decryptResultSchema, encryptResultSchema } from '../../../shared/security-schemas';
import { toApiError, type ApiError } from '../api/api-error';
import { useApi } from '../api/useApi';
import { ErrorAlert } from '../components/ErrorAlert';
import { JobProgress } from '../jobs/JobProgress';
import { useTrackedJob } from '../jobs/useTrackedJob';
import { emptyPair, pairIsValid, PassphraseFields, type PassphrasePair } from './PassphraseFields';
import { useShowRecoveryKey } from './RecoveryKeyProvider';

type ModalProps = { opened: boolean; onClose: () => void; workspaceName: string; osKeyStoreAvailable: boolean };

/** Megabytes with one decimal: the size of a rewritten database. */
const megabytes = (bytes: number): string => `${(bytes / 1_048_576).toLocaleString(undefined, { maximumFractionDigits: 1 })} MB`;

/** Encrypt this workspace: a new passphrase twice, "remember" where offered, then a job with progress and cancel; its recovery key is shown once. */
export function EncryptModal({ opened, onClose, workspaceName, osKeyStoreAvailable }: ModalProps) {
  const { t } = useTranslation();
  const api = useApi();
  const showRecoveryKey = useShowRecoveryKey();
  const [pair, setPair] = useState<PassphrasePair>(emptyPair);
  const [remember, setRemember] = useState(false);
  const job = useTrackedJob(encryptResultSchema);
  const [shownFor, setShownFor] = useState<string>();
  // The key is handed to the one-time modal as soon as the job's result arrives, and not kept here.
  if (job.result && job.job && shownFor !== job.job.id) {
    setShownFor(job.job.id);
    showRecoveryKey({ workspaceName, recoveryKey: job.result.recoveryKey });
  }
  const close = (): void => {
    if (job.running) return;
    setPair(emptyPair);
    job.reset();
    onClose();
  };
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    if (!pairIsValid(pair) || job.running) return;
    void job.start(() => api.invoke('workspace.encrypt', { passphrase: pair.passphrase, remember: remember && osKeyStoreAvailable }));
  };
  return (
    // Once done, the one-time recovery key window opens above this one: a key press or a click meant for it must not
    // close this one behind it (its Close button does).
    <Modal
      opened={opened}
      onClose={close}
      title={t('security.settings.encryptTitle')}
      size="lg"
      closeOnClickOutside={!job.running && !job.result}
      closeOnEscape={!job.running && !job.result}
    >
      <form onSubmit={submit}>
        <Stack gap="md" data-testid="encrypt-modal">
          <Text size="sm">{t('security.settings.encryptIntro')}</Text>
          {!job.result && <PassphraseFields value={pair} onChange={setPair} disabled={job.running} autoFocus testId="encrypt" />}
          {!job.result && osKeyStoreAvailable && (
            <Checkbox label={t('security.lock.remember')} description={t('security.lock.rememberHint')} checked={remember} onChange={(event) => setRemember(event.currentTarget.checked)} disabled={job.running} />
          )}
          {job.job && job.job.status !== 'done' && <JobProgress job={job.job} size="md" />}
          {job.startError && <ErrorAlert error={job.startError} />}
          {job.job?.status === 'failed' && job.job.error && <ErrorAlert error={job.job.error} />}
          {job.result && (
            <Alert color="teal" variant="light" icon={<IconLock size={18} />} data-testid="encrypt-done">
              {t('security.settings.encryptDone', { size: megabytes(job.result.bytes), seconds: job.result.seconds.toFixed(1) })}
            </Alert>
          )}
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={close} disabled={job.running}>
              {job.result ? t('explorer.export.close') : t('common.cancel')}
            </Button>
            {!job.result && (
              <Button type="submit" leftSection={<IconLock size={16} />} loading={job.running} disabled={!pairIsValid(pair)} data-testid="encrypt-start">
                {t('security.settings.encryptStart')}
              </Button>
            )}
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** Decrypt: warns plainly that the data will be readable by anyone with the folder, and asks the passphrase again. */
export function DecryptModal({ opened, onClose }: Omit<ModalProps, 'workspaceName' | 'osKeyStoreAvailable'>) {
  const { t } = useTranslation();
  const api = useApi();
  const [passphrase, setPassphrase] = useState('');
  const job = useTrackedJob(decryptResultSchema);
  const close = (): void => {
    if (job.running) return;
    setPassphrase('');
    job.reset();
    onClose();
  };
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    if (!passphrase || job.running) return;
    void job.start(() => api.invoke('workspace.decrypt', { passphrase }));
  };
  const wrong = job.startError?.code === 'wrong-passphrase' || job.job?.error?.code === 'wrong-passphrase';
  return (
    <Modal opened={opened} onClose={close} title={t('security.settings.decryptTitle')} size="lg" closeOnClickOutside={!job.running}>
      <form onSubmit={submit}>
        <Stack gap="md" data-testid="decrypt-modal">
          <Alert color="orange" variant="light" icon={<IconAlertTriangle size={18} />}>
            <Text size="sm">{t('security.settings.decryptWarn')}</Text>
          </Alert>
          {!job.result && (
            <PasswordInput
              label={t('security.lock.passphrase')}
              value={passphrase}
              onChange={(event) => setPassphrase(event.currentTarget.value)}
              error={wrong ? t('security.lock.wrongPassphrase') : undefined}
              disabled={job.running}
              autoComplete="current-password"
              data-autofocus
              data-testid="decrypt-passphrase"
            />
          )}
          {job.job && job.job.status !== 'done' && <JobProgress job={job.job} size="md" />}
          {job.startError && !wrong && <ErrorAlert error={job.startError} />}
          {job.job?.status === 'failed' && job.job.error && !wrong && <ErrorAlert error={job.job.error} />}
          {job.result && (
            <Alert color="teal" variant="light" icon={<IconLockOpen size={18} />} data-testid="decrypt-done">
              {t('security.settings.decryptDone', { size: megabytes(job.result.bytes), seconds: job.result.seconds.toFixed(1) })}
            </Alert>
          )}
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={close} disabled={job.running}>
              {job.result ? t('explorer.export.close') : t('common.cancel')}
            </Button>
            {!job.result && (
              <Button type="submit" color="orange" leftSection={<IconLockOpen size={16} />} loading={job.running} disabled={!passphrase} data-testid="decrypt-start">
                {t('security.settings.decryptStart')}
              </Button>
            )}
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** Change the passphrase: the current one, the new one twice; the data key is re-wrapped, nothing re-encrypted. */
export function ChangePassphraseModal({ opened, onClose, onChanged }: { opened: boolean; onClose: () => void; onChanged: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const [current, setCurrent] = useState('');
  const [pair, setPair] = useState<PassphrasePair>(emptyPair);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const close = (): void => {
    if (busy) return;
    setCurrent('');
    setPair(emptyPair);
    setError(undefined);
    onClose();
  };
  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (!current || !pairIsValid(pair) || busy) return;
    setBusy(true);
    setError(undefined);
    try {
      await api.invoke('workspace.passphrase', { current: { passphrase: current }, next: pair.passphrase });
      setBusy(false);
      onChanged();
      close();
    } catch (reason) {
      setError(toApiError(reason));
      setBusy(false);
    }
  };
  const wrong = error?.code === 'wrong-passphrase';
  return (
    <Modal opened={opened} onClose={close} title={t('security.settings.changeTitle')} size="lg">
      <form onSubmit={(event) => void submit(event)}>
        <Stack gap="md" data-testid="change-passphrase-modal">
          <Text size="sm">{t('security.settings.changeIntro')}</Text>
          <PasswordInput
            label={t('security.settings.current')}
            value={current}
            onChange={(event) => setCurrent(event.currentTarget.value)}
            error={wrong ? t('security.lock.wrongPassphrase') : undefined}
            disabled={busy}
            autoComplete="current-password"
            data-autofocus
            data-testid="change-current"
          />
          <PassphraseFields value={pair} onChange={setPair} disabled={busy} label={t('security.settings.next')} testId="change-next" />
          {error && !wrong && <ErrorAlert error={error} />}
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={close} disabled={busy}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={busy} disabled={!current || !pairIsValid(pair)} data-testid="change-start">
              {t('security.settings.changeStart')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
