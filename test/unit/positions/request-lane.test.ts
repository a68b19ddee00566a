/** The engine's request lane (request-lane.ts): one request at a time, in order, a failure holding up nothing. */
import { describe, expect, it } from 'vitest';
import { RequestLane } from '../../../electron/positions/request-lane';

const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('RequestLane', () => {
  it('sends at once when idle, else after every earlier request settled, in order; failures pass through', async () => {
    const lane = new RequestLane();
    const sent: string[] = [];
    const replies = new Map<string, { resolve: (value: string) => void; reject: (error: Error) => void }>();
    const request = (name: string) => () => {
      sent.push(name);
      return new Promise<string>((resolve, reject) => replies.set(name, { resolve, reject }));
    };
    const a = lane.run(request('a'));
    expect(sent).toEqual(['a']); // synchronously
    const b = lane.run(request('b'));
    const c = lane.run(request('c'));
    await settle();
    expect(sent).toEqual(['a']);
    replies.get('a')!.reject(new Error('a failed'));
    await expect(a).rejects.toThrow('a failed');
    await settle();
    expect(sent).toEqual(['a', 'b']);
    replies.get('b')!.resolve('B');
    await expect(b).resolves.toBe('B');
    await settle();
    expect(sent).toEqual(['a', 'b', 'c']);
    replies.get('c')!.resolve('C');
    await expect(c).resolves.toBe('C');
    // Idle again: the next one goes at once.
    void lane.run(request('d'));
    expect(sent).toEqual(['a', 'b', 'c', 'd']);
  });

  it('a request that throws instead of rejecting is a rejection, and the lane goes on', async () => {
    const lane = new RequestLane();
    const thrown = lane.run(() => {
      throw new Error('sync');
    });
    await expect(thrown).rejects.toThrow('sync');
    await expect(lane.run(() => Promise.resolve(1))).resolves.toBe(1);
  });
});
