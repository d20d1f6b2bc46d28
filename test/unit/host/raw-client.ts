import net from 'node:net';

/** What came back for one raw request: the status line's code (null when the server only closed) and the text. */
export type RawAnswer = { status: number | null; head: string; body: string; timedOut: boolean };

export type RawOptions = {
  /** Half-close after writing. Node's server then drops the request unanswered, so only for bytes it rejects. */
  end?: boolean;
  /** Stop waiting once a complete status line and header block arrived (for uploads the server cuts short). */
  headOnly?: boolean;
  /** After a 101, wait until the server closes the WebSocket (for frames it must refuse). */
  untilClose?: boolean;
  /** Bytes written after the first chunk, one per tick, until the server answers (a body that keeps coming). */
  trickle?: Buffer;
};

/**
 * Writes bytes to the host exactly as given, bypassing Node's HTTP client (which would refuse to send most of
 * them), and collects what comes back until the server closes (send `Connection: close`). A safety net ends the wait; the test asserts
 * that it never fired rather than measuring any time.
 */
export function rawRequest(port: number, bytes: string | Buffer, options: RawOptions = {}): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    const chunks: Buffer[] = [];
    let settled = false;
    let trickling: NodeJS.Timeout | undefined;
    const finish = (timedOut: boolean): void => {
      if (settled) return;
      settled = true;
      clearTimeout(safety);
      clearInterval(trickling);
      socket.destroy();
      const text = Buffer.concat(chunks).toString('latin1');
      const split = text.indexOf('\r\n\r\n');
      const head = split < 0 ? text : text.slice(0, split);
      const body = split < 0 ? '' : text.slice(split + 4);
      const status = /^HTTP\/1\.[01] (\d{3})/.exec(head)?.[1];
      resolve({ status: status ? Number(status) : null, head, body, timedOut });
    };
    const safety = setTimeout(() => finish(true), 15_000);
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      const received = Buffer.concat(chunks);
      // An accepted WebSocket stays open: its 101 is the whole answer.
      const switched = received.subarray(0, 12).toString('latin1') === 'HTTP/1.1 101';
      if ((options.headOnly || (switched && !options.untilClose)) && received.includes('\r\n\r\n')) finish(false);
    });
    socket.on('close', () => finish(false));
    // A reset after the answer (the server stops reading an upload it refused) is a clean end for this purpose.
    socket.on('error', () => finish(false));
    socket.write(bytes, () => {
      if (options.trickle) {
        const piece = options.trickle;
        trickling = setInterval(() => {
          if (!socket.destroyed && socket.writable) socket.write(piece);
        }, 1);
      } else if (options.end) socket.end();
    });
  });
}

