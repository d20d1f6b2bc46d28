import type { App } from 'electron';

/**
 * Holds the first quit until the engine has shut down cleanly (its database closed, its jobs stopped), then quits
 * for real. Quit requests while it is stopping are swallowed.
 */
export function stopEngineBeforeQuit(app: Pick<App, 'on' | 'quit'>, stopEngine: () => Promise<void>): void {
  let phase: 'running' | 'stopping' | 'stopped' = 'running';
  app.on('before-quit', (event) => {
    if (phase === 'stopped') return;
    event.preventDefault();
    if (phase === 'stopping') return;
    phase = 'stopping';
    void stopEngine()
      .catch((error: unknown) => console.error('[main] the engine did not stop cleanly', error))
      .finally(() => {
        phase = 'stopped';
        app.quit();
      });
  });
}
