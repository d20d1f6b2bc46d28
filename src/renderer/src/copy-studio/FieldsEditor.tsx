import { Button, Group, Menu, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { IconBraces } from '@tabler/icons-react';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { personalisationTokens, type CopyFields, type PersonalisationToken } from '../../../shared/copy-schemas';
import { charCount, linesOf } from './copy-text';

type Props = { fields: CopyFields; onChange: (fields: CopyFields) => void };

type Focused = { key: string; el: HTMLInputElement | HTMLTextAreaElement };

const TOKEN_FALLBACKS: Partial<Record<PersonalisationToken, string>> = { firstName: 'there' };

/** A variant's parts as text fields, with personalisation tokens inserted where the cursor is. */
export function FieldsEditor({ fields, onChange }: Props) {
  const { t } = useTranslation();
  const focused = useRef<Focused | null>(null);

  const setPart = (key: string, value: string): void => {
    switch (fields.channel) {
      case 'email':
        if (key === 'subject' || key === 'preheader' || key === 'body') onChange({ ...fields, [key]: value });
        return;
      case 'push':
        if (key === 'title' || key === 'body') onChange({ ...fields, [key]: value });
        return;
      case 'display_ad':
        if (key === 'headline' || key === 'description' || key === 'cta') onChange({ ...fields, [key]: value });
        return;
      case 'search_ad':
        if (key === 'headlines') onChange({ ...fields, headlines: value.split('\n') });
        if (key === 'descriptions') onChange({ ...fields, descriptions: value.split('\n') });
        return;
      default:
        onChange({ ...fields, text: value });
    }
  };

  const insertToken = (token: PersonalisationToken): void => {
    const target = focused.current;
    const fallback = TOKEN_FALLBACKS[token];
    const text = `{{${token}${fallback ? `|${fallback}` : ''}}}`;
    if (!target) return;
    const { el, key } = target;
    const start = el.selectionStart ?? el.value.length;
    const end = el.selectionEnd ?? start;
    setPart(key, el.value.slice(0, start) + text + el.value.slice(end));
    window.requestAnimationFrame(() => {
      el.focus();
      el.setSelectionRange(start + text.length, start + text.length);
    });
  };

  const track = (key: string) => ({
    onFocus: (e: { currentTarget: HTMLInputElement | HTMLTextAreaElement }) => (focused.current = { key, el: e.currentTarget }),
  });
  const count = (text: string) => (
    <Text size="xs" c="dimmed" className="tabular">
      {t('copy.edit.characters', { count: charCount(text) })}
    </Text>
  );
  const line = (key: string, label: string, value: string) => (
    <TextInput
      label={label}
      value={value}
      onChange={(e) => setPart(key, e.currentTarget.value)}
      rightSectionWidth={44}
      rightSection={
        <Text size="xs" c="dimmed" className="tabular" aria-label={t('copy.edit.characters', { count: charCount(value) })}>
          {charCount(value)}
        </Text>
      }
      {...track(key)}
      data-testid={`copy-edit-${key}`}
    />
  );
  const area = (key: string, label: string, value: string, description?: string) => (
    <Textarea
      label={label}
      description={description}
      value={value}
      onChange={(e) => setPart(key, e.currentTarget.value)}
      autosize
      minRows={2}
      maxRows={24}
      {...track(key)}
      data-testid={`copy-edit-${key}`}
    />
  );

  const parts = (() => {
    switch (fields.channel) {
      case 'email':
        return (
          <>
            {line('subject', t('copy.fields.subject'), fields.subject)}
            {line('preheader', t('copy.fields.preheader'), fields.preheader)}
            {area('body', t('copy.fields.body'), fields.body)}
          </>
        );
      case 'push':
        return (
          <>
            {line('title', t('copy.fields.title'), fields.title)}
            {area('body', t('copy.fields.body'), fields.body)}
          </>
        );
      case 'search_ad':
        return (
          <>
            {area('headlines', t('copy.edit.headlines'), fields.headlines.join('\n'), t('copy.edit.onePerLine'))}
            {area('descriptions', t('copy.edit.descriptions'), fields.descriptions.join('\n'), t('copy.edit.onePerLine'))}
          </>
        );
      case 'display_ad':
        return (
          <>
            {line('headline', t('copy.fields.headline'), fields.headline)}
            {area('description', t('copy.fields.description'), fields.description)}
            {line('cta', t('copy.fields.cta'), fields.cta)}
          </>
        );
      default:
        return (
          <>
            {area('text', t('copy.fields.text'), fields.text)}
            {count(fields.text)}
          </>
        );
    }
  })();

  return (
    <Stack gap="xs" data-copy-editor data-testid="copy-editor">
      {parts}
      <Group justify="flex-start">
        <Menu position="bottom-start" withinPortal>
          <Menu.Target>
            <Button
              size="compact-xs"
              variant="light"
              leftSection={<IconBraces size={12} />}
              // Keep the cursor where it was in the field while the menu opens.
              onMouseDown={(e) => e.preventDefault()}
              data-testid="copy-insert-token"
            >
              {t('copy.edit.insertToken')}
            </Button>
          </Menu.Target>
          <Menu.Dropdown>
            {(Object.keys(personalisationTokens) as PersonalisationToken[]).map((token) => (
              <Menu.Item key={token} onClick={() => insertToken(token)} data-testid={`copy-token-${token}`}>
                {personalisationTokens[token]}{' '}
                <Text span size="xs" c="dimmed" ff="monospace">
                  {`{{${token}}}`}
                </Text>
              </Menu.Item>
            ))}
          </Menu.Dropdown>
        </Menu>
      </Group>
    </Stack>
  );
}

/** Search ad lists as the engine wants them: no blank lines. */
export function tidyFields(fields: CopyFields): CopyFields {
  if (fields.channel !== 'search_ad') return fields;
  return { ...fields, headlines: linesOf(fields.headlines.join('\n')), descriptions: linesOf(fields.descriptions.join('\n')) };
}
