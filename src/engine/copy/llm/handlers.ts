import fs from 'node:fs/promises';
import { llmModelInfoSchema, type LlmModelInfo, type LlmStatus } from '../../../shared/copy-schemas';
import type { Db } from '../../db/open-workspace';
import { readSetting, writeSetting } from '../../db/settings-repo';
import type { HandlerMap } from '../../router';
import { llmAvailability } from './llm-engine';
import { inspectModel } from './model-info';

/** The workspace setting holding the chosen model's LlmModelInfo (hashed once, when it was chosen). */
export const LLM_MODEL_SETTING = 'copyLlmModel';

/** The model chosen in Settings, as stored (null when none, or when forgotten). */
export function chosenModel(db: Db): LlmModelInfo | null {
  const parsed = llmModelInfoSchema.safeParse(readSetting(db, LLM_MODEL_SETTING));
  return parsed.success ? parsed.data : null;
}

/** Whether the language model can run, and the chosen model while its file is still the one that was checked. */
export async function llmStatus(db: Db): Promise<LlmStatus> {
  const { available, detail } = await llmAvailability();
  const model = chosenModel(db);
  if (!model) return { available, detail: available ? `${detail}. No model chosen yet: pick a .gguf file.` : detail, model: null };
  const stat = await fs.stat(model.path).catch(() => null);
  if (!stat?.isFile()) {
    return { available, detail: `The model file ${model.path} is no longer there. Choose it again, or pick another .gguf file.`, model: null };
  }
  if (stat.size !== model.sizeBytes) {
    return {
      available,
      detail: `The model file ${model.path} has changed since it was chosen (${stat.size.toLocaleString('en')} bytes, was ${model.sizeBytes.toLocaleString('en')}). Choose it again to check it.`,
      model: null,
    };
  }
  return { available, detail, model };
}

export const copyLlmHandlers = {
  'copy.llmStatus': (_input, ctx) => llmStatus(ctx.workspace().db),
  'copy.llmChoose': async (input, ctx) => {
    const { db } = ctx.workspace();
    // Inspected (header checked, file hashed) before anything is stored: a refused file changes nothing.
    writeSetting(db, LLM_MODEL_SETTING, input.file === null ? null : await inspectModel(ctx.files.resolve(input.file, 'read', 'file')));
    return llmStatus(db);
  },
} satisfies Partial<HandlerMap>;
