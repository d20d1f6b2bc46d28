import path from 'node:path';
import type { Command } from 'commander';
import {
  checkSameSpec,
  checkSpecAgainstTable,
  createCoordinatorIdentity,
  joinByMailbox,
  joinFederation,
  modelDocument,
  parseInvitation,
  readCsvTable,
  readProposal,
  readSpec,
  runMailboxCoordinator,
  serveCoordinator,
  specFromTable,
  writeModel,
  writeProposal,
} from '../engine';
import type { FederationSpec } from '../shared/federate-schemas';
import type { GlobalOptions } from './engine-session';
import { toErrorData } from './engine-session';
import { epsilonBudget, wholeNumber } from './model-command';
import { formatNumber, printError, printResult, table } from './output';

type ProposeOptions = GlobalOptions & {
  table: string;
  target: string;
  positive?: string;
  offices: string;
  rounds: string;
  secure: boolean;
  dpEpsilon?: string;
  host?: string;
  port: string;
  name?: string;
  exclude?: string;
  out: string;
};
type ServeOptions = GlobalOptions & { spec: string; keys?: string; host?: string; port?: string; out?: string; mailbox?: string };
type JoinOptions = GlobalOptions & { invitation: string; table: string; name?: string; spec?: string; mailbox?: string; out?: string; wait: string };

const DEFAULT_PORT = '7465';

/**
 * `federate propose|serve|join`: the real federation between machines, live over the network or by files.
 * Registered in the `federate` group (made here if `federate simulate` has not made it yet). Commands run no
 * workspace: they read the table and write the files the user named; progress goes to stderr, results to stdout.
 */
export function registerFederateNetCommands(program: Command, withGlobals: (cmd: Command) => Command): void {
  const federate =
    program.commands.find((c) => c.name() === 'federate') ??
    program.command('federate').description('train one model with other offices without sharing a row (federated learning)');
  withGlobals(
    federate
      .command('propose')
      .description('write a federation spec from your table and one invitation code per office')
      .requiredOption('--table <file>', 'your CSV file: its columns define the features (no row goes into the spec)')
      .requiredOption('--target <column>', 'the yes/no column to predict')
      .option('--positive <value>', 'the target value that is the outcome (e.g. "Yes")')
      .requiredOption('--offices <names>', 'the offices, comma-separated (e.g. "North,South,East")')
      .option('--rounds <n>', 'training rounds (1 to 200)', '20')
      .option('--secure', 'secure aggregation: the coordinator sees only the sum of updates (the default)', true)
      .option('--no-secure', 'send updates unmasked (faster; the coordinator sees each office\'s update)')
      .option('--dp-epsilon <e>', 'add differential privacy with this total budget ε (e.g. 3)')
      .option('--host <address>', 'the address offices connect to (your LAN address); without it the invitations are for files only')
      .option('--port <p>', 'the port offices connect to', DEFAULT_PORT)
      .option('--name <name>', 'a name for the federation (default: "<target> across offices")')
      .option('--exclude <columns>', 'columns to leave out, comma-separated')
      .requiredOption('--out <dir>', 'an empty folder for spec.json, coordinator-keys.json (private) and invitations.txt'),
  ).action((opts: ProposeOptions) => run(opts, () => propose(opts)));
  withGlobals(
    federate
      .command('serve')
      .description('run the coordinator until the federation is done; writes the federated model as JSON')
      .requiredOption('--spec <file>', 'the spec.json that propose wrote (its coordinator-keys.json is read from the same folder)')
      .option('--keys <file>', 'the coordinator keys file, when it is not beside the spec')
      .option('--host <address>', 'the address to listen on (default: the one in the invitations; 0.0.0.0 for every interface)')
      .option('--port <p>', 'the port to listen on (default: the one in the invitations)')
      .option('--mailbox <dir>', 'exchange package files through this folder (inbox/, outbox/) instead of listening')
      .option('--out <file>', 'where to write the federated model (default: federated-model.json beside the spec)'),
  ).action((opts: ServeOptions) => run(opts, () => serve(opts)));
  withGlobals(
    federate
      .command('join')
      .description('take part with your own table: only statistics and (masked) weight updates leave this machine')
      .requiredOption('--invitation <code>', 'the lyst1-… code the coordinator sent you')
      .requiredOption('--table <file>', 'your CSV file with the spec\'s columns')
      .option('--name <name>', 'your office\'s name as others see it (default: the one in the invitation)')
      .option('--spec <file>', 'the spec.json you reviewed: any other spec is refused')
      .option('--mailbox <dir>', 'exchange package files through this folder (inbox/, outbox/) instead of connecting')
      .option('--out <file>', 'also write the federated model to this file')
      .option('--wait <seconds>', 'keep trying this long while the coordinator is not started yet (0 to 3600)', '60'),
  ).action((opts: JoinOptions) => run(opts, () => join(opts)));
}

async function run(opts: GlobalOptions, body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (error) {
    printError({ json: Boolean(opts.json) }, toErrorData(error));
  }
}

/** Stops cleanly on Ctrl-C: the other side is told (or sees the connection close). */
function interruptible(): { signal: AbortSignal; done: () => void } {
  const controller = new AbortController();
  const stop = (): void => controller.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return {
    signal: controller.signal,
    done: () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
    },
  };
}

const note = (line: string): void => void process.stderr.write(`${line}\n`);

async function propose(o: ProposeOptions): Promise<void> {
  const names = o.offices.split(',').map((n) => n.trim()).filter((n) => n !== '');
  const rounds = wholeNumber(o.rounds, 'rounds', 1, 200);
  const port = wholeNumber(o.port, 'port', 1, 65535);
  const dpEpsilon = epsilonBudget(o.dpEpsilon);
  const rows = readCsvTable(o.table);
  const { spec, leftOut } = specFromTable(rows, {
    name: o.name ?? `${o.target} across offices`,
    target: o.target,
    ...(o.positive !== undefined ? { positive: o.positive } : {}),
    exclude: (o.exclude ?? '').split(',').map((c) => c.trim()).filter((c) => c !== ''),
    rounds,
    secure: o.secure,
    ...(dpEpsilon !== undefined ? { dpEpsilon } : {}),
  });
  const identity = createCoordinatorIdentity(names, spec.id);
  const host = o.host ?? '';
  const written = writeProposal(path.resolve(o.out), { spec, identity, host, port: host === '' ? 0 : port });
  const value = {
    federationId: spec.id,
    spec: written.specFile,
    keys: written.keysFile,
    invitationsFile: written.invitationsFile,
    transport: host === '' ? 'files' : 'network',
    features: spec.features.length,
    leftOut,
    invitations: written.invitations,
  };
  printResult({ json: Boolean(o.json) }, value, () =>
    [
      table([
        ['Federation', `${spec.name} (${spec.id})`],
        ['Predicts', `${spec.target}${spec.positive ? ` = ${spec.positive}` : ''} from ${spec.features.length} columns; ${spec.rounds} rounds${spec.secure ? ', secure aggregation' : ''}${spec.dp ? `, differential privacy ε ${spec.dp.epsilon}` : ''}`],
        ...(leftOut.length ? ([['Left out', leftOut.map((l) => `${l.column} (${l.reason})`).join(', ')]] as Array<[string, string]>) : []),
        ['Spec', `${written.specFile} (offices may review it and join with --spec)`],
        ['Keys', `${written.keysFile} (private: keep it on this machine)`],
        ['Offices join', host === '' ? 'by files: localyst federate join --invitation CODE --table FILE --mailbox DIR' : `live at ${host}:${port}: localyst federate join --invitation CODE --table FILE`],
      ]),
      '',
      'Send each office its own code (by a channel you trust: whoever holds a code can join as that office):',
      ...written.invitations.map((i) => `  ${i.office}: ${i.code}`),
    ].join('\n'),
  );
}

const describeState = (state: { phase: string; round: number; attempt: number; spec: FederationSpec; participants: Array<{ name: string; rows: number | null; state: string }> }): string => {
  const who = state.participants.map((p) => `${p.name} ${p.state}${p.rows !== null ? ` (${formatNumber(p.rows)} rows)` : ''}`).join(', ');
  const round = state.phase === 'training' ? ` round ${state.round}/${state.spec.rounds}${state.attempt > 1 ? ` (attempt ${state.attempt})` : ''}` : '';
  return `[${state.phase}${round}] ${who}`;
};

async function serve(o: ServeOptions): Promise<void> {
  const proposal = readProposal(o.spec, o.keys);
  const { spec, identity } = proposal;
  const out = path.resolve(o.out ?? path.join(path.dirname(path.resolve(o.spec)), 'federated-model.json'));
  const stop = interruptible();
  let last = '';
  const onChange = (state: Parameters<typeof describeState>[0]): void => {
    const line = describeState(state);
    if (line !== last) note(line);
    last = line;
  };
  try {
    let result;
    if (o.mailbox !== undefined) {
      const dir = path.resolve(o.mailbox);
      note(`Reading packages from ${path.join(dir, 'inbox')}, writing to ${path.join(dir, 'outbox')}. Send each office the files named for it.`);
      result = await runMailboxCoordinator({
        spec,
        identity,
        dir,
        signal: stop.signal,
        onChange,
        onWritten: (file, to) => note(`Wrote ${path.basename(file)}: send it to ${to}.`),
        onRefused: (file, reason) => note(`Refused ${path.basename(file)}: ${reason}`),
      });
    } else {
      const host = o.host ?? (proposal.host || '127.0.0.1');
      const port = o.port !== undefined ? wholeNumber(o.port, 'port', 0, 65535) : proposal.port;
      const running = await serveCoordinator({ spec, offices: identity.offices.map((x) => x.name), identity, host, port, signal: stop.signal, onChange, ...(proposal.host ? { advertiseHost: proposal.host } : {}) });
      if (proposal.host !== '' && running.port !== proposal.port) note(`Listening on port ${running.port}, but the invitations say ${proposal.port}: offices cannot reach this coordinator.`);
      note(`Coordinator listening on ${running.host}:${running.port} (TLS with a pre-shared key per office). Waiting for ${identity.offices.length} offices…`);
      try {
        result = await running.finished;
      } finally {
        await running.close();
      }
    }
    const final = result.state;
    const file = writeModel(out, modelDocument(spec, { ...result, rounds: final.round, epsilon: final.epsilon }, final));
    const value = { federationId: spec.id, model: file, rounds: final.round, epsilon: final.epsilon, participants: final.participants.map((p) => ({ name: p.name, rows: p.rows, state: p.state })), history: final.history };
    printResult({ json: Boolean(o.json) }, value, () =>
      table([
        ['Federated model', file],
        ['Rounds', String(final.round)],
        ['Learned from', final.participants.filter((p) => p.state !== 'dropped').map((p) => `${p.name} (${formatNumber(p.rows ?? 0)} rows)`).join(', ')],
        ...(final.epsilon !== null ? ([['Privacy', `ε = ${final.epsilon.toFixed(2)}`]] as Array<[string, string]>) : []),
      ]),
    );
  } finally {
    stop.done();
  }
}

async function join(o: JoinOptions): Promise<void> {
  const invitation = parseInvitation(o.invitation);
  const rows = readCsvTable(o.table);
  const agreed = o.spec !== undefined ? readSpec(o.spec) : null;
  const name = o.name ?? invitation.name;
  const waitSeconds = wholeNumber(o.wait, 'wait', 0, 3600);
  const stop = interruptible();
  const onSpec = (spec: FederationSpec): void => {
    if (agreed) checkSameSpec(agreed, spec);
    checkSpecAgainstTable(spec, rows);
    note(`Joining "${spec.name}" as ${name}: predicting ${spec.target} from ${spec.features.length} columns, ${spec.rounds} rounds${spec.secure ? ', secure aggregation' : ''}${spec.dp ? `, ε ${spec.dp.epsilon}` : ''}. ${formatNumber(rows.rows.length)} rows stay here.`);
  };
  let lastStage = '';
  const onProgress = (event: { round: number; rounds: number; stage: string; trainLoss: number | null; participants: Array<{ name: string; rows: number | null }> }): void => {
    const line = `[round ${event.round}/${event.rounds}] ${event.stage}${event.trainLoss !== null ? `, loss ${event.trainLoss.toFixed(4)}` : ''}`;
    if (line !== lastStage) note(line);
    lastStage = line;
  };
  try {
    const common = { code: o.invitation, rows, name, onSpec, onProgress, signal: stop.signal };
    const outcome =
      o.mailbox !== undefined
        ? await joinByMailbox({
            ...common,
            dir: path.resolve(o.mailbox),
            onWritten: (file) => note(`Wrote ${path.basename(file)}: send it to the coordinator.`),
            onRefused: (file, reason) => note(`Refused ${path.basename(file)}: ${reason}`),
          })
        : await joinFederation({ ...common, waitForCoordinatorMs: waitSeconds * 1000 });
    const file = o.out !== undefined ? writeModel(o.out, modelDocument(outcome.spec, outcome)) : null;
    const value = { federationId: outcome.spec.id, office: name, rows: rows.rows.length, rounds: outcome.rounds, epsilon: outcome.epsilon, weights: outcome.weights.length, model: file };
    printResult({ json: Boolean(o.json) }, value, () =>
      table([
        ['Federation', `${outcome.spec.name}: done after ${outcome.rounds} rounds`],
        ['This office', `${name}, ${formatNumber(rows.rows.length)} rows (none left this machine)`],
        ['Model', file ?? `${formatNumber(outcome.weights.length)} weights (use --out to keep them)`],
      ]),
    );
  } finally {
    stop.done();
  }
}
