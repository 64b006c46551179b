import { describe, expect, it } from 'vitest';
import { EventStreamParser, readEventStream } from './event-stream';

describe('EventStreamParser', () => {
  it('dispatches on a blank line, joins data lines and keeps the id', () => {
    const p = new EventStreamParser();
    expect(p.push('event: job\ndata: {"a":\ndata: 1}\nid: 7\n')).toEqual([]);
    expect(p.push('\n')).toEqual([{ event: 'job', data: '{"a":\n1}', lastEventId: '7' }]);
    expect(p.lastEventId).toBe('7');
  });

  it('handles text split anywhere, CRLF and CR line ends, comments and retry', () => {
    const text =
      ': heartbeat\r\n\r\nevent: job\rdata: x\r\nid: 3\r\n\r\nretry: 1500\n\ndata: y\n\n';
    for (let cut = 0; cut < text.length; cut++) {
      const p = new EventStreamParser();
      const events = [...p.push(text.slice(0, cut)), ...p.push(text.slice(cut))];
      expect(events).toEqual([
        { event: 'job', data: 'x', lastEventId: '3' },
        { event: 'message', data: 'y', lastEventId: '3' },
      ]);
      expect(p.retryMs).toBe(1500);
    }
  });

  it('discards an event the stream did not finish', async () => {
    const body = new Response('data: whole\n\ndata: half').body!;
    const seen: string[] = [];
    await readEventStream(body, (e) => seen.push(e.data));
    expect(seen).toEqual(['whole']);
  });
});
