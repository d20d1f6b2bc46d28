import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { EventPayload } from '../../../shared/contract';
import { generateInputSchema, generateResultSchema, type Brief, type GenerateResult, type Variant } from '../../../shared/copy-schemas';
import { ApiError, toApiError } from '../api/api-error';
import { useApi } from '../api/useApi';
import { useApiEvent } from '../api/useApiEvent';
import type { JobView } from '../jobs/jobs-reducer';
import { useJobs } from '../jobs/useJobs';
import { fieldKey, toBrief, type BriefDraft, type FieldErrors, type GenerateSettings } from './brief-model';

/** A variant as the studio shows it: edited in place, and where it was saved. */
export type VariantView = Variant & {
  edited: boolean;
  /** Where it was saved, with the fields as saved (an edit after saving updates the saved copy). */
  saved: { campaign: string; id: number; fields: Variant['fields'] } | null;
  /** As the generator wrote it, for "Revert". */
  original: Pick<Variant, 'fields' | 'checks' | 'readingGrade'>;
};

/** One finished generation with the brief it was for (the brief saves and re-checks go with). */
export type GeneratedSet = { jobId: string; brief: Brief; result: GenerateResult; variants: VariantView[]; finishedAt: string };

export type Generation = {
  start: () => void;
  cancel: () => void;
  starting: boolean;
  /** The job while it runs (and after, until the next start). */
  job: JobView | undefined;
  error: ApiError | undefined;
  fieldErrors: FieldErrors;
  clearFieldError: (key: string) => void;
  /** A new brief (sample, cleared, reused): the old brief's errors no longer apply. */
  resetErrors: () => void;
  set: GeneratedSet | null;
  updateVariant: (id: string, update: (variant: VariantView) => VariantView) => void;
};

type Pending = { jobId: string; brief: Brief };

/** Field errors from an error's details: the engine's `{issues: [{field, message}]}`, the client's zod issues, or `{field}`. */
export function fieldErrorsOf(error: { message: string; details?: unknown }): FieldErrors {
  const out: FieldErrors = {};
  const details = error.details as { issues?: unknown; field?: unknown } | undefined;
  if (details && Array.isArray(details.issues)) {
    for (const raw of details.issues as { field?: unknown; path?: unknown; message?: unknown }[]) {
      const path = typeof raw.field === 'string' ? raw.field : Array.isArray(raw.path) ? (raw.path as PropertyKey[]) : null;
      if (path === null || typeof raw.message !== 'string') continue;
      const key = fieldKey(path);
      out[key] ??= raw.message;
    }
  } else if (details && typeof details.field === 'string') {
    out[fieldKey(details.field)] = error.message;
  }
  return out;
}

/** A schema issue in the words of the form (the schema's own message when it wrote one for people). */
function plainIssue(issue: z.core.$ZodIssue, t: TFunction): string {
  if (issue.code === 'too_small' && issue.origin === 'string') return t('copy.errors.required');
  if (issue.code === 'too_big' && issue.origin === 'string') return t('copy.errors.tooLong', { max: String(issue.maximum) });
  if (issue.code === 'too_big' && issue.origin === 'array') return t('copy.errors.tooMany', { max: String(issue.maximum) });
  if ((issue.code === 'too_small' || issue.code === 'too_big') && issue.origin === 'number') {
    return issue.code === 'too_small' ? t('copy.errors.atLeast', { min: String(issue.minimum) }) : t('copy.errors.atMost', { max: String(issue.maximum) });
  }
  return issue.message;
}

const STORE_KEY = 'localyst.copy.generated';

function loadSet(workspace: string | null): GeneratedSet | null {
  try {
    const raw = window.sessionStorage.getItem(STORE_KEY);
    const stored = raw ? (JSON.parse(raw) as { workspace: string | null; set: GeneratedSet }) : null;
    return stored && stored.workspace === workspace && Array.isArray(stored.set?.variants) ? stored.set : null;
  } catch {
    return null;
  }
}

/** Starts copy generation as a job and follows it to its variants; the last set survives leaving the section. */
export function useGenerate(draft: BriefDraft, settings: GenerateSettings, workspace: string | null): Generation {
  const { t } = useTranslation();
  const api = useApi();
  const jobs = useJobs();
  const [starting, setStarting] = useState(false);
  const [jobId, setJobId] = useState<string | null>(null);
  const [error, setError] = useState<ApiError>();
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [set, setSet] = useState<GeneratedSet | null>(() => loadSet(workspace));
  const pending = useRef<Pending | null>(null);
  // A short job can end before its id comes back from the request: keep the ends seen for a moment.
  const early = useRef(new Map<string, EventPayload<'job.done'> | EventPayload<'job.failed'>>());

  useEffect(() => {
    try {
      window.sessionStorage.setItem(STORE_KEY, JSON.stringify({ workspace, set }));
    } catch {
      // Storage full or disabled: the set lives as long as the page.
    }
  }, [set, workspace]);

  const finish = useCallback(
    (payload: EventPayload<'job.done'> | EventPayload<'job.failed'>) => {
      const current = pending.current;
      if (!current || current.jobId !== payload.jobId) return;
      pending.current = null;
      if ('error' in payload) {
        if (payload.error.code === 'cancelled') return;
        const errors = fieldErrorsOf(payload.error);
        setFieldErrors(errors);
        setError(ApiError.from(payload.error));
        return;
      }
      const parsed = generateResultSchema.safeParse(payload.result);
      if (!parsed.success) {
        setError(new ApiError('internal', t('copy.generate.badResult')));
        return;
      }
      setSet({
        jobId: payload.jobId,
        brief: current.brief,
        result: parsed.data,
        variants: parsed.data.variants.map((v) => ({ ...v, edited: false, saved: null, original: { fields: v.fields, checks: v.checks, readingGrade: v.readingGrade } })),
        finishedAt: new Date().toISOString(),
      });
    },
    [t],
  );

  const remember = (payload: EventPayload<'job.done'> | EventPayload<'job.failed'>): void => {
    if (payload.kind !== 'copy.generate') return;
    if (pending.current?.jobId === payload.jobId) finish(payload);
    else if (pending.current) {
      early.current.set(payload.jobId, payload);
      if (early.current.size > 10) early.current.delete(early.current.keys().next().value as string);
    }
  };
  useApiEvent('job.done', remember);
  useApiEvent('job.failed', remember);

  // The jobs list may learn the end first (a reconnect reloads it): take the result from there too.
  const job = jobId ? jobs.get(jobId) : undefined;
  useEffect(() => {
    if (!job || pending.current?.jobId !== job.id) return;
    if (job.status === 'done' && job.result !== undefined) finish({ jobId: job.id, kind: 'copy.generate', result: job.result });
    else if ((job.status === 'failed' || job.status === 'cancelled') && job.error) finish({ jobId: job.id, kind: 'copy.generate', error: job.error });
  }, [job, finish]);

  const { detach } = jobs;
  useEffect(() => () => (jobId ? detach(jobId) : undefined), [jobId, detach]);

  const start = useCallback(() => {
    if (starting || (job && job.status === 'running')) return;
    setError(undefined);
    const parsed = generateInputSchema.safeParse({ brief: toBrief(draft), variants: settings.variants, seed: settings.seed, engine: settings.engine });
    const errors: FieldErrors = {};
    if (!parsed.success) for (const issue of parsed.error.issues) errors[fieldKey(issue.path)] ??= plainIssue(issue, t);
    if (draft.channel === 'reply' && draft.reply.text.trim() === '') errors['replyTo.text'] = t('copy.reply.needed');
    setFieldErrors(errors);
    if (!parsed.success || Object.keys(errors).length > 0) return;
    setStarting(true);
    api
      .invoke('copy.generate', parsed.data)
      .then(({ jobId: id }) => {
        pending.current = { jobId: id, brief: parsed.data.brief };
        jobs.track(id, { inline: true });
        setJobId(id);
        const ended = early.current.get(id);
        if (ended) finish(ended);
        early.current.clear();
      })
      .catch((reason: unknown) => {
        const apiError = toApiError(reason);
        setFieldErrors(fieldErrorsOf(apiError));
        setError(apiError);
      })
      .finally(() => setStarting(false));
  }, [starting, job, draft, settings, t, api, jobs, finish]);

  const cancel = useCallback(() => {
    if (jobId) void jobs.cancel(jobId);
  }, [jobId, jobs]);

  const clearFieldError = useCallback((key: string) => {
    setFieldErrors((errors) => {
      if (!(key in errors)) return errors;
      const next = { ...errors };
      delete next[key];
      return next;
    });
  }, []);

  const resetErrors = useCallback(() => {
    setFieldErrors({});
    setError(undefined);
  }, []);

  const updateVariant = useCallback((id: string, update: (variant: VariantView) => VariantView) => {
    setSet((current) => (current ? { ...current, variants: current.variants.map((v) => (v.id === id ? update(v) : v)) } : current));
  }, []);

  return useMemo(
    () => ({ start, cancel, starting, job, error, fieldErrors, clearFieldError, resetErrors, set, updateVariant }),
    [start, cancel, starting, job, error, fieldErrors, clearFieldError, resetErrors, set, updateVariant],
  );
}
