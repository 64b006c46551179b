/** One dispatched Server-Sent Event (WHATWG HTML §9.2 "event stream interpretation"). */
export interface SseEvent {
  event: string;
  data: string;
  /** The last event id seen on this stream, including this event's own `id:`. */
  lastEventId: string;
}

/**
 * Turns `text/event-stream` text, pushed in arbitrary pieces, into events, the way a browser's
 * EventSource does: `data:` lines join with newlines, comments (`:`) are ignored, an empty
 * line dispatches, `id:` sets the last event id, `retry:` the reconnection delay. Used where
 * EventSource cannot go: Node, and requests that need an `Authorization` header.
 */
export class EventStreamParser {
  lastEventId = '';
  /** The server's `retry:` hint in ms, once it has sent one. */
  retryMs: number | undefined;
  private buffer = '';
  private data: string[] = [];
  private event = '';

  push(text: string): SseEvent[] {
    this.buffer += text;
    const out: SseEvent[] = [];
    for (;;) {
      const match = /\r\n|\r|\n/.exec(this.buffer);
      // A lone trailing \r may be the first half of \r\n: wait for more text.
      if (!match || (match[0] === '\r' && match.index === this.buffer.length - 1)) break;
      const line = this.buffer.slice(0, match.index);
      this.buffer = this.buffer.slice(match.index + match[0].length);
      const event = this.line(line);
      if (event) out.push(event);
    }
    return out;
  }

  private line(line: string): SseEvent | undefined {
    if (line === '') {
      if (this.data.length === 0) {
        this.event = '';
        return undefined;
      }
      const event = {
        event: this.event || 'message',
        data: this.data.join('\n'),
        lastEventId: this.lastEventId,
      };
      this.data = [];
      this.event = '';
      return event;
    }
    if (line.startsWith(':')) return undefined;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') this.data.push(value);
    else if (field === 'event') this.event = value;
    else if (field === 'id' && !value.includes('\0')) this.lastEventId = value;
    else if (field === 'retry' && /^\d+$/.test(value)) this.retryMs = Number(value);
    return undefined;
  }
}

/** Reads a response body to its end (or until `signal` aborts), calling `onEvent` for each
 * event. Returns the parser, whose `lastEventId` and `retryMs` say how to reconnect. */
export async function readEventStream(
  body: ReadableStream<Uint8Array>,
  onEvent: (event: SseEvent) => void,
  parser = new EventStreamParser(),
): Promise<EventStreamParser> {
  const decoder = new TextDecoder();
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      for (const event of parser.push(decoder.decode(value, { stream: true }))) onEvent(event);
    }
    // An event not ended by a blank line is discarded at the end of the stream (as browsers do).
    for (const event of parser.push(decoder.decode())) onEvent(event);
  } finally {
    reader.releaseLock();
  }
  return parser;
}
