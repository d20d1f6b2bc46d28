import { writeSetting } from '../../db/settings-repo';
import type { HandlerMap } from '../../kernel/handler-types';
import { LLM_MODEL_SETTING, llmStatus } from './chosen-model';
import { inspectModel } from './model-info';

export const copyLlmHandlers = {
  'copy.llmStatus': (_input, ctx) => llmStatus(ctx.workspace().db),
  'copy.llmChoose': async (input, ctx) => {
    const { db } = ctx.workspace();
    // Inspected (header checked, file hashed) before anything is stored: a refused file changes nothing.
    writeSetting(db, LLM_MODEL_SETTING, input.file === null ? null : await inspectModel(ctx.files.resolve(input.file, 'read', 'file')));
    return llmStatus(db);
  },
} satisfies Partial<HandlerMap>;
