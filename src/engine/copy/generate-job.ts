import fs from 'node:fs';
import os from 'node:os';
import type { AudienceInsight, GenerateInput, GenerateResult, LlmModelInfo, ResponseModelStatus } from '../../shared/copy-schemas';
import type { Db } from '../db/open-workspace';
import type { JobControl } from '../kernel/jobs';
import { audienceInsight } from './audience';
import { hasCustomers } from './copy-repo';
import { generateCandidates, type Candidate } from './generate';
import { generateWithLlm } from './llm/llm-engine';
import { AppError } from '../../shared/errors';
import { chosenModel } from './llm/chosen-model';
import { sha256OfFile } from './llm/model-info';
import { rankCandidates, type ResponsePredictor } from './rank';
import { responseModelFor } from './response-model';

/**
 * CPU threads for the language model: one for a small model or a machine with two cores or fewer (more threads
 * then make generation far slower, as measured here), else all cores but one, at most eight.
 */
export function llmThreads(modelPath: string, cores = os.cpus().length): number {
  const size = fs.statSync(modelPath, { throwIfNoEntry: false })?.size ?? 0;
  return size < 64 * 2 ** 20 || cores <= 2 ? 1 : Math.min(8, cores - 1);
}

/** The audience the brief names (a segment) or, without one, the whole customer base; null in an empty workspace. */
function audienceFor(db: Db, input: GenerateInput): AudienceInsight | null {
  if (!hasCustomers(db)) return null;
  return audienceInsight(db, { segmentId: input.brief.audience?.segmentId, product: input.brief.product.name });
}

/** Refuses a chosen model whose file is no longer the one hashed when it was chosen in Settings. */
export async function checkChosenModel(chosen: LlmModelInfo): Promise<void> {
  const stat = await fs.promises.stat(chosen.path).catch(() => null);
  if (!stat?.isFile()) {
    throw new AppError('not-found', `The model file ${chosen.path} chosen in Settings is no longer there. Choose it again in Settings.`, { file: chosen.path, field: 'engine' });
  }
  const sha256 = stat.size === chosen.sizeBytes ? await sha256OfFile(chosen.path) : null;
  if (sha256 !== chosen.sha256) {
    throw new AppError('conflict', `The model file ${chosen.path} has changed since it was chosen in Settings (its SHA-256 differs), so it was not loaded. Choose it again in Settings to check it.`, {
      file: chosen.path,
      field: 'engine',
    });
  }
}

/** The `copy.generate` job: audience words, the response model, candidates from the chosen engine, then ranking. */
export async function generateCopy(db: Db, input: GenerateInput, control: JobControl): Promise<GenerateResult> {
  const started = performance.now();
  control.progress({ fraction: 0.05, stage: 'Reading the audience', message: 'Top categories and the words customers use in reviews' });
  const audience = audienceFor(db, input);
  control.checkCancelled();
  control.progress({ fraction: 0.15, stage: 'Response model', message: 'Learning from past campaigns with copy and results' });
  const model = await responseModelFor(db);
  const responseModel: ResponseModelStatus = model.status;
  const predictor: ResponsePredictor | null =
    model.trained && model.status.target
      ? {
          target: model.status.target,
          baseRate: model.baseRate,
          skill: model.error.baseline > 0 ? Math.max(0, 1 - model.error.model / model.error.baseline) : 0,
          predict: model.predict,
          explain: model.explain,
        }
      : null;
  control.checkCancelled();

  let candidates: Candidate[];
  let engine: GenerateResult['engine'];
  if (input.engine === 'llm') {
    const chosen = chosenModel(db);
    if (!chosen) {
      throw new AppError('bad-input', 'No language model is chosen. Pick a GGUF model file in Settings, or use the built-in generator.', { field: 'engine' });
    }
    control.progress({ fraction: 0.17, stage: 'Checking the model', message: `Checking ${chosen.name} is the file chosen in Settings` });
    await checkChosenModel(chosen);
    control.checkCancelled();
    const modelPath = chosen.path;
    // The model streams a chunk per token: a preview at most every 150 ms is enough for the eye. The text starts
    // again with each variant, which is how the job knows which one is being written.
    let lastPreview = 0;
    let variant = 0;
    let lastLength = 0;
    const writing = (k: number): { fraction: number; stage: string; message: string } => ({
      fraction: 0.2 + (0.6 * k) / input.variants,
      stage: 'Writing',
      message: `The language model is writing variant ${Math.min(k + 1, input.variants)} of ${input.variants}`,
    });
    control.progress(writing(0));
    const threads = llmThreads(modelPath);
    candidates = await generateWithLlm(input.brief, {
      modelPath,
      threads,
      count: input.variants,
      seed: input.seed,
      checkCancelled: () => control.checkCancelled(),
      onPreview: (text) => {
        if (text.length < lastLength) variant += 1;
        lastLength = text.length;
        const now = Date.now();
        if (now - lastPreview < 150) return;
        lastPreview = now;
        control.progress({ ...writing(variant), preview: text });
      },
    });
    engine = { kind: 'llm', model: chosen.name, detail: `node-llama-cpp on the CPU, ${threads === 1 ? 'one thread' : `${threads} threads`}, seed ${input.seed}` };
  } else {
    control.progress({ fraction: 0.4, stage: 'Writing', message: `Writing ${input.candidates} candidates` });
    // Quoted next to the product only when the customers said it about this product.
    const productPraise = audience?.phrasesAbout === 'product';
    candidates = generateCandidates(input.brief, { count: Math.max(input.candidates, input.variants), seed: input.seed, audience, productPraise });
    engine = { kind: 'builtin', model: null, detail: 'built-in generator: frameworks, hooks and phrasings from our library, filled with the brief' };
  }
  control.checkCancelled();
  control.progress({ fraction: 0.8, stage: 'Ranking', message: `Checking and ranking ${candidates.length} candidates` });
  const variants = rankCandidates(input.brief, candidates, { keep: input.variants, seed: input.seed, engine: input.engine, audience, response: predictor });
  return {
    variants,
    candidates: candidates.length,
    seed: input.seed,
    engine,
    responseModel,
    audience,
    elapsedMs: Math.round(performance.now() - started),
  };
}
