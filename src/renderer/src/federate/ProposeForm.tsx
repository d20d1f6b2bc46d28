import { Alert, Button, Group, MultiSelect, NumberInput, Paper, Radio, SegmentedControl, Select, SimpleGrid, Stack, Switch, TagsInput, Text, TextInput, Title } from '@mantine/core';
import { IconInfoCircle, IconPlayerPlay } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelInput, ChannelOutput } from '../../../shared/contract';
import type { ApiError } from '../api/api-error';
import { ErrorAlert } from '../components/ErrorAlert';

type Features = ChannelOutput<'federate.features'>;

type Props = {
  features: Features;
  defaultOffice: string;
  starting: boolean;
  error: ApiError | undefined;
  onPropose: (input: ChannelInput<'federate.propose'>) => void;
};

const isWhole = (v: string | number, min: number, max: number): v is number => typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;

/** The proposal: what to predict, from which shared features, how many rounds, and how private. */
export function ProposeForm({ features, defaultOffice, starting, error, onPropose }: Props) {
  const { t } = useTranslation();
  const [label, setLabel] = useState<'churn' | 'purchase'>('churn');
  const [category, setCategory] = useState<string | null>(null);
  const [horizon, setHorizon] = useState<string | number>(90);
  const [chosen, setChosen] = useState<string[]>(features.features.map((f) => f.name));
  const [rounds, setRounds] = useState<string | number>(10);
  const [hidden, setHidden] = useState<string | number>(16);
  const [secure, setSecure] = useState(true);
  const [dp, setDp] = useState(false);
  const [epsilon, setEpsilon] = useState<string | number>(8);
  const [office, setOffice] = useState(defaultOffice);
  const [offices, setOffices] = useState<string[]>([]);
  const [network, setNetwork] = useState<'loopback' | 'lan'>('loopback');
  const [host, setHost] = useState('');
  const [port, setPort] = useState<string | number>(0);

  const ready =
    chosen.length > 0 &&
    offices.length > 0 &&
    office.trim() !== '' &&
    isWhole(horizon, 7, 730) &&
    isWhole(rounds, 1, 200) &&
    isWhole(hidden, 0, 512) &&
    isWhole(port, 0, 65535) &&
    (label === 'churn' || category !== null) &&
    (!dp || (typeof epsilon === 'number' && epsilon > 0 && epsilon <= 100)) &&
    (network === 'loopback' || host.trim() !== '');

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    if (!ready || starting) return;
    onPropose({
      label,
      ...(label === 'purchase' && category ? { category } : {}),
      horizonDays: horizon as number,
      features: chosen,
      hidden: (hidden as number) === 0 ? [] : [hidden as number],
      rounds: rounds as number,
      secure,
      dpEpsilon: dp ? (epsilon as number) : null,
      office: office.trim(),
      offices: offices.map((o) => o.trim()).filter(Boolean),
      host: network === 'loopback' ? '127.0.0.1' : host.trim(),
      port: port as number,
    });
  };

  return (
    <Paper p="md" data-testid="federate-propose">
      <form onSubmit={submit}>
        <Stack gap="sm">
          <Title order={2}>{t('federation.propose.title')}</Title>
          {features.customers === 0 && (
            <Alert color="yellow" variant="light" icon={<IconInfoCircle size={18} />} data-testid="federate-no-data">
              {t('federation.propose.noData')}
            </Alert>
          )}
          <Group gap="md" align="flex-end" wrap="wrap">
            <Stack gap={4}>
              <Text size="sm" fw={500} id="federate-label">
                {t('federation.propose.label')}
              </Text>
              <SegmentedControl
                aria-labelledby="federate-label"
                value={label}
                onChange={(v) => setLabel(v === 'purchase' ? 'purchase' : 'churn')}
                data={[
                  { value: 'churn', label: t('federation.propose.churn') },
                  { value: 'purchase', label: t('federation.propose.purchase') },
                ]}
                data-testid="federate-label"
              />
            </Stack>
            {label === 'purchase' && <Select w={240} label={t('federation.propose.category')} data={features.categories} value={category} onChange={setCategory} searchable data-testid="federate-category" />}
            <NumberInput w={160} label={t('federation.propose.horizon')} min={7} max={730} allowDecimal={false} value={horizon} onChange={setHorizon} data-testid="federate-horizon" />
          </Group>
          <MultiSelect
            label={t('federation.propose.features')}
            description={t('federation.propose.featuresHint')}
            data={features.features.map((f) => ({ value: f.name, label: f.label }))}
            value={chosen}
            onChange={setChosen}
            searchable
            clearable
            maxDropdownHeight={260}
            data-testid="federate-features"
          />
          <SimpleGrid cols={{ base: 1, md: 4 }} spacing="sm">
            <NumberInput label={t('federation.propose.rounds')} description={t('federation.propose.roundsHint')} min={1} max={200} allowDecimal={false} value={rounds} onChange={setRounds} data-testid="federate-rounds" />
            <NumberInput label={t('federation.propose.hidden')} description={t('federation.propose.hiddenHint')} min={0} max={512} allowDecimal={false} value={hidden} onChange={setHidden} data-testid="federate-hidden" />
            <Stack gap={6} pt={4}>
              <Switch label={t('federation.propose.secure')} description={t('federation.propose.secureHint')} checked={secure} onChange={(e) => setSecure(e.currentTarget.checked)} data-testid="federate-secure" />
            </Stack>
            <Stack gap={6} pt={4}>
              <Switch label={t('federation.propose.dp')} description={t('federation.propose.dpHint')} checked={dp} onChange={(e) => setDp(e.currentTarget.checked)} data-testid="federate-dp" />
              {dp && <NumberInput label={t('federation.propose.epsilon')} min={0.1} max={100} step={0.5} decimalScale={2} value={epsilon} onChange={setEpsilon} data-testid="federate-epsilon" />}
            </Stack>
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
            <TextInput label={t('federation.propose.office')} value={office} onChange={(e) => setOffice(e.currentTarget.value)} maxLength={120} data-testid="federate-office" />
            <TagsInput
              label={t('federation.propose.offices')}
              description={t('federation.propose.officesHint')}
              value={offices}
              onChange={setOffices}
              maxTags={49}
              splitChars={[',']}
              acceptValueOnBlur
              data-testid="federate-offices"
            />
          </SimpleGrid>
          <Radio.Group label={t('federation.propose.network')} value={network} onChange={(v) => setNetwork(v === 'lan' ? 'lan' : 'loopback')}>
            <Group gap="lg" mt={4}>
              <Radio value="loopback" label={t('federation.propose.loopback')} data-testid="federate-loopback" />
              <Radio value="lan" label={t('federation.propose.lan')} data-testid="federate-lan" />
            </Group>
          </Radio.Group>
          <SimpleGrid cols={{ base: 1, md: 3 }} spacing="sm">
            {network === 'lan' && <TextInput label={t('federation.propose.host')} placeholder="192.168.1.20" value={host} onChange={(e) => setHost(e.currentTarget.value)} data-testid="federate-host" /> }
            <NumberInput label={t('federation.propose.port')} min={0} max={65535} allowDecimal={false} value={port} onChange={setPort} data-testid="federate-port" />
          </SimpleGrid>
          {error && <ErrorAlert error={error} title={t('federation.propose.failed')} />}
          <Group>
            <Button type="submit" leftSection={<IconPlayerPlay size={16} />} disabled={!ready || features.customers === 0} loading={starting} data-testid="federate-start">
              {t('federation.propose.start')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
