import { Avatar, Badge, Box, Button, Group, Rating, Stack, Text } from '@mantine/core';
import { IconBell, IconMessageCircle } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Brief, CopyCheck, CopyFields } from '../../../shared/copy-schemas';
import { TokenText } from './TokenText';
import classes from './copy-studio.module.css';

/** How one part's text is drawn: tokens highlighted by default, a customer's values in a preview. */
export type RenderPart = (key: string, text: string, size: 'xs' | 'sm', strong?: boolean) => ReactNode;

const defaultRender: RenderPart = (key, text, size, strong) => (
  <TokenText text={text} size={size} fw={strong ? 600 : undefined} data-testid={`copy-field-${key}`} />
);

type Props = {
  fields: CopyFields;
  checks: CopyCheck[];
  brief: Brief;
  render?: RenderPart;
};

/** A check's detail under the part it is about ("42 of 60 characters"), red when it fails. */
function Meta({ checks, name, testId }: { checks: CopyCheck[]; name: string; testId?: string }) {
  const check = checks.find((c) => c.name === name);
  if (!check) return null;
  return (
    <Text size="xs" c={check.passed ? 'dimmed' : 'red'} className="tabular" data-testid={testId} data-passed={check.passed}>
      {check.detail}
    </Text>
  );
}

function Label({ children }: { children: ReactNode }) {
  return <div className={classes.fieldLabel}>{children}</div>;
}

/** A variant laid out as its channel shows it: an inbox row and body, a text bubble, a notification, a post, an ad. */
export function ChannelView({ fields, checks, brief, render = defaultRender }: Props) {
  const { t } = useTranslation();
  const brand = brief.brand?.name ?? t('copy.view.yourBrand');
  switch (fields.channel) {
    case 'email':
      return (
        <Stack gap={8} data-testid="copy-view-email">
          <div className={classes.frame}>
            <Group justify="space-between" gap="xs" wrap="nowrap">
              <Label>{t('copy.fields.subject')}</Label>
              <Meta checks={checks} name="subject-length" />
            </Group>
            {render('subject', fields.subject, 'sm', true)}
            <Group justify="space-between" gap="xs" wrap="nowrap" mt={6}>
              <Label>{t('copy.fields.preheader')}</Label>
              <Meta checks={checks} name="preheader-length" />
            </Group>
            {render('preheader', fields.preheader, 'xs')}
          </div>
          <Box className={classes.frame}>
            <Label>{t('copy.fields.body')}</Label>
            {render('body', fields.body, 'sm')}
          </Box>
        </Stack>
      );
    case 'sms':
      return (
        <Stack gap={6} data-testid="copy-view-sms">
          <div className={classes.bubble}>{render('text', fields.text, 'sm')}</div>
          <Group gap="xs">
            <IconMessageCircle size={14} />
            <Meta checks={checks} name="sms-segments" testId="copy-sms-segments" />
          </Group>
        </Stack>
      );
    case 'push':
      return (
        <div className={classes.frame} data-testid="copy-view-push">
          <Group gap="xs" wrap="nowrap" align="flex-start">
            <Avatar size="sm" radius="sm" color="indigo">
              <IconBell size={14} />
            </Avatar>
            <Box miw={0} style={{ flex: 1 }}>
              <Text size="xs" c="dimmed">
                {t('copy.view.pushFrom', { brand })}
              </Text>
              {render('title', fields.title, 'sm', true)}
              {render('body', fields.body, 'sm')}
            </Box>
          </Group>
          <Group gap="md" mt={6}>
            <Meta checks={checks} name="title-length" />
            <Meta checks={checks} name="body-length" />
          </Group>
        </div>
      );
    case 'social':
      return (
        <div className={classes.frame} data-testid="copy-view-social">
          <Group gap="xs" mb={6} wrap="nowrap">
            <Avatar size="sm" radius="xl" color="indigo">
              {brand.slice(0, 1).toUpperCase()}
            </Avatar>
            <Text size="sm" fw={600} truncate="end">
              {brand}
            </Text>
            <Badge size="xs" variant="light" color="gray">
              {t(`copy.networks.${fields.network}`)}
            </Badge>
          </Group>
          {render('text', fields.text, 'sm')}
          <Group justify="flex-end" mt={6}>
            <Meta checks={checks} name={`${fields.network}-length`} testId="copy-social-count" />
          </Group>
        </div>
      );
    case 'search_ad':
      return (
        <Stack gap={8} data-testid="copy-view-search">
          <div className={classes.frame}>
            <Text size="xs" fw={600}>
              {t('copy.view.sponsored')}
            </Text>
            <Text size="md" className={classes.adTitle} fw={500}>
              {fields.headlines.slice(0, 3).join(' | ')}
            </Text>
            <Text size="sm">{fields.descriptions.slice(0, 2).join(' ')}</Text>
          </div>
          <Stack gap={2}>
            <Group justify="space-between">
              <Label>{t('copy.view.headlines', { count: fields.headlines.length })}</Label>
              <Meta checks={checks} name="headline-length" />
            </Group>
            {fields.headlines.map((h, i) => (
              <Group key={`h${i}`} gap="xs" wrap="nowrap" justify="space-between">
                {render(`headline-${i}`, h, 'sm')}
                <Text size="xs" c="dimmed" className="tabular">
                  {[...h].length}
                </Text>
              </Group>
            ))}
            <Group justify="space-between" mt={6}>
              <Label>{t('copy.view.descriptions', { count: fields.descriptions.length })}</Label>
              <Meta checks={checks} name="description-length" />
            </Group>
            {fields.descriptions.map((d, i) => (
              <Group key={`d${i}`} gap="xs" wrap="nowrap" justify="space-between" align="flex-start">
                {render(`description-${i}`, d, 'sm')}
                <Text size="xs" c="dimmed" className="tabular">
                  {[...d].length}
                </Text>
              </Group>
            ))}
          </Stack>
        </Stack>
      );
    case 'display_ad':
      return (
        <div className={classes.frame} data-testid="copy-view-display">
          <Text size="xs" c="dimmed">
            {t('copy.view.adBy', { brand })}
          </Text>
          {render('headline', fields.headline, 'sm', true)}
          {render('description', fields.description, 'sm')}
          <Button size="compact-sm" mt={8} tabIndex={-1} component="div">
            {fields.cta}
          </Button>
          <Group gap="md" mt={6}>
            <Meta checks={checks} name="headline-length" />
            <Meta checks={checks} name="description-length" />
            <Meta checks={checks} name="cta-length" />
          </Group>
        </div>
      );
    case 'reply':
      return (
        <Stack gap={8} data-testid="copy-view-reply">
          {brief.replyTo && (
            <div className={classes.bubble}>
              {brief.replyTo.rating !== undefined && <Rating value={brief.replyTo.rating} readOnly size="xs" mb={2} />}
              <Text size="xs" c="dimmed" lineClamp={4} style={{ whiteSpace: 'pre-wrap' }}>
                {brief.replyTo.text}
              </Text>
            </div>
          )}
          <div className={classes.replyBubble}>{render('text', fields.text, 'sm')}</div>
          <Group justify="flex-end">
            <Meta checks={checks} name="reply-length" />
          </Group>
        </Stack>
      );
  }
}
