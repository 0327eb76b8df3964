import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AfterPaintQueue } from './after-paint-queue.js';

describe('work put off until the page has painted', () => {
  let frames: (() => void)[];

  beforeEach(() => {
    // Node has no frames: each call to paint() runs the callbacks of one frame.
    frames = [];
    vi.stubGlobal('requestAnimationFrame', (callback: () => void) => frames.push(callback));
  });
  afterEach(() => vi.unstubAllGlobals());

  const paint = () => {
    const due = frames;
    frames = [];
    for (const callback of due) callback();
  };
  const tick = () => new Promise((done) => setTimeout(done, 0));

  it('runs nothing before the next frame, then every item once, in order', async () => {
    const ran: number[] = [];
    const queue = new AfterPaintQueue<number>((n) => ran.push(n));
    for (const n of [1, 2, 3]) queue.add(n);
    queue.start();
    queue.start();
    await tick();
    expect(ran).toEqual([]);
    paint();
    await queue.drained();
    expect(ran).toEqual([1, 2, 3]);
  });

  it('skips items taken out before their turn', async () => {
    const ran: string[] = [];
    const queue = new AfterPaintQueue<string>((s) => ran.push(s));
    queue.add('a');
    queue.add('b');
    queue.start();
    queue.delete('a');
    paint();
    await queue.drained();
    expect(ran).toEqual(['b']);
  });

  it('runs what is left at once on flush (an export), and nothing again after it', async () => {
    const ran: string[] = [];
    const queue = new AfterPaintQueue<string>((s) => ran.push(s));
    queue.add('a');
    queue.add('b');
    queue.start();
    queue.flush();
    expect(ran).toEqual(['a', 'b']);
    await expect(queue.drained()).resolves.toBeUndefined();
    paint();
    await tick();
    expect(ran).toEqual(['a', 'b']);
  });

  it('yields between slices when the work is long, and tells when it is all done', async () => {
    let now = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => now);
    const ran: number[] = [];
    // Each item takes 5 ms: a slice of 12 ms runs three.
    const queue = new AfterPaintQueue<number>((n) => {
      ran.push(n);
      now += 5;
    });
    for (let n = 0; n < 7; n++) queue.add(n);
    queue.start();
    const drained = queue.drained();
    paint();
    await tick();
    expect(ran).toEqual([0, 1, 2]);
    await drained;
    expect(ran).toEqual([0, 1, 2, 3, 4, 5, 6]);
    vi.restoreAllMocks();
  });

  it('drops everything on clear (a new diagram)', async () => {
    const ran: string[] = [];
    const queue = new AfterPaintQueue<string>((s) => ran.push(s));
    queue.add('a');
    queue.start();
    queue.clear();
    await expect(queue.drained()).resolves.toBeUndefined();
    paint();
    await tick();
    expect(ran).toEqual([]);
  });
});
