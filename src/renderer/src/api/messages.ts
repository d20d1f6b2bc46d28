import { i18n } from '../i18n';

/** Messages for errors the client itself raises (the engine's own messages arrive already written). */
export const apiMessages = {
  timedOut: (channel: string, timeoutMs: number): string =>
    i18n.t('api.timedOut', { channel, seconds: String(Math.round(timeoutMs / 1000)) }),
  unreachable: (channel: string, timeoutMs: number): string =>
    i18n.t('api.unreachable', { channel, seconds: String(Math.round(timeoutMs / 1000)) }),
  droppedInFlight: (channel: string): string => i18n.t('api.droppedInFlight', { channel }),
  badReply: (channel: string): string => i18n.t('api.badReply', { channel }),
  bridgeFailed: (channel: string, error: unknown): string =>
    i18n.t('api.bridgeFailed', { channel, reason: error instanceof Error ? error.message : String(error) }),
  badInput: (channel: string, reason: string): string => i18n.t('api.badInput', { channel, reason }),
};
