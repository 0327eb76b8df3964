import { session } from '../auth/session.js';
import type { StreamEvent } from './types.js';

/**
 * The server's event stream (`GET /api/v1/stream`) read with fetch, because EventSource cannot send
 * the bearer token. Reconnects after a drop with `Last-Event-ID`, so nothing is missed; `onState`
 * tells the screen whether it is live.
 */
export interface StreamHandle {
  close(): void;
}

export function openStream(
  onEvent: (event: StreamEvent) => void,
  onState: (live: boolean) => void = () => {},
): StreamHandle {
  let closed = false;
  let lastId: string | null = null;
  let controller = new AbortController();

  const dispatch = (block: string): void => {
    let id: string | null = null;
    let type = 'message';
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line === '' || line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon === -1 ? line : line.slice(0, colon);
      const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'id') id = value;
      else if (field === 'event') type = value;
      else if (field === 'data') data.push(value);
    }
    if (id !== null) lastId = id;
    if (data.length === 0) return;
    let body: Record<string, unknown> = {};
    try {
      const parsed: unknown = JSON.parse(data.join('\n'));
      if (typeof parsed === 'object' && parsed !== null) body = parsed as Record<string, unknown>;
    } catch {
      return;
    }
    const inner =
      typeof body.event === 'object' && body.event !== null ? (body.event as Record<string, unknown>) : body;
    onEvent({
      id,
      type: typeof inner.type === 'string' ? inner.type : type,
      caseId:
        typeof inner.caseId === 'string'
          ? inner.caseId
          : typeof body.caseId === 'string'
            ? body.caseId
            : null,
      data: inner,
    });
  };

  const run = async (): Promise<void> => {
    let delay = 500;
    while (!closed) {
      try {
        const headers: Record<string, string> = { accept: 'text/event-stream' };
        const token = session.token();
        if (token) headers.authorization = `Bearer ${token}`;
        if (lastId !== null) headers['last-event-id'] = lastId;
        const response = await fetch('/api/v1/stream', { headers, signal: controller.signal });
        if (!response.ok || !response.body) throw new Error(`stream answered ${response.status}`);
        onState(true);
        delay = 500;
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value.replace(/\r\n?/g, '\n');
          let end = buffer.indexOf('\n\n');
          while (end !== -1) {
            dispatch(buffer.slice(0, end));
            buffer = buffer.slice(end + 2);
            end = buffer.indexOf('\n\n');
          }
        }
      } catch {
        // dropped or refused: reconnect below
      }
      if (closed) return;
      onState(false);
      await new Promise((resume) => setTimeout(resume, delay));
      delay = Math.min(delay * 2, 10_000);
      controller = new AbortController();
    }
  };
  void run();
  return {
    close() {
      closed = true;
      controller.abort();
    },
  };
}
