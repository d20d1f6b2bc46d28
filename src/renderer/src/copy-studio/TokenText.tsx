import { Text, Tooltip, type TextProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { personalisationTokens, type PersonalisationToken } from '../../../shared/copy-schemas';
import { splitTokens, type TextPiece } from './copy-text';
import classes from './copy-studio.module.css';

const tokenName = (token: string): string =>
  token in personalisationTokens ? personalisationTokens[token as PersonalisationToken] : token;

/** Copy with its personalisation tokens highlighted ({{firstName|there}} shows as a chip naming the field). */
export function TokenText({ text, ...props }: { text: string } & TextProps & { 'data-testid'?: string }) {
  return <PiecesText pieces={splitTokens(text)} {...props} />;
}

/**
 * Text in pieces: plain runs, and tokens — as written in the copy, or, in a preview, the customer's value (a
 * fallback is marked: the customer had no value for it).
 */
export function PiecesText({
  pieces,
  fallbacks = [],
  rendered = false,
  ...props
}: { pieces: TextPiece[]; fallbacks?: readonly string[]; rendered?: boolean } & TextProps & { 'data-testid'?: string }) {
  const { t } = useTranslation();
  return (
    <Text {...props} style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
      {pieces.map((piece, i) => {
        if (piece.kind === 'text') return <span key={i}>{piece.text}</span>;
        const fellBack = rendered && fallbacks.includes(piece.token);
        const unknown = !(piece.token in personalisationTokens);
        const label = rendered
          ? fellBack
            ? t('copy.tokens.fellBack', { field: tokenName(piece.token) })
            : t('copy.tokens.filled', { field: tokenName(piece.token) })
          : unknown
            ? t('copy.tokens.unknown', { token: piece.token })
            : piece.fallback !== null
              ? t('copy.tokens.withFallback', { field: tokenName(piece.token), fallback: piece.fallback })
              : t('copy.tokens.noFallback', { field: tokenName(piece.token) });
        return (
          <Tooltip key={i} label={label} withArrow openDelay={200}>
            <span
              className={classes.token}
              data-state={fellBack ? 'fallback' : unknown ? 'unknown' : rendered ? 'filled' : 'token'}
              data-testid={fellBack ? 'copy-token-fallback' : rendered ? 'copy-token-filled' : 'copy-token'}
              aria-label={label}
            >
              {piece.text}
            </span>
          </Tooltip>
        );
      })}
    </Text>
  );
}
