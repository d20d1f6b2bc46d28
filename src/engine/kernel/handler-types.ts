import type { Channel, ChannelOutput, ParsedInput } from '../../shared/contract';
import type { EngineContext } from './context';

/** One channel's handler: the parsed input and the context in, the channel's output (or a promise of it) out. */
export type Handler<K extends Channel> = (
  input: ParsedInput<K>,
  ctx: EngineContext,
) => ChannelOutput<K> | Promise<ChannelOutput<K>>;

/** Every channel's handler; each domain's handlers.ts `satisfies Partial<HandlerMap>`, and router.ts is their union. */
export type HandlerMap = { [K in Channel]: Handler<K> };
