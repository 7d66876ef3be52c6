import { describe, expect, it } from 'vitest';
import { createLinkTracker } from './link-tracker';

describe('link tracker', () => {
  it('numbers each opened link and reports 0 while none is open', () => {
    const links = createLinkTracker<{ n: number }>();
    expect(links.linkId()).toBe(0);
    const first = { n: 1 };
    links.opened(first);
    expect(links.linkId()).toBe(1);
    expect(links.forget(first)).toBe(true);
    expect(links.linkId()).toBe(0);
    links.opened({ n: 2 });
    expect(links.linkId()).toBe(2);
  });

  it('a stale link (one already replaced) is not forgotten in place of the current one', () => {
    const links = createLinkTracker<{ n: number }>();
    const stale = { n: 1 };
    const fresh = { n: 2 };
    links.opened(stale);
    links.forget(stale);
    links.opened(fresh);
    expect(links.forget(stale)).toBe(false);
    expect(links.current()).toBe(fresh);
  });

  it('runs operations one at a time, the next even after one failed', async () => {
    const links = createLinkTracker<never>();
    const order: string[] = [];
    let release!: () => void;
    const first = links.exclusive(async () => {
      await new Promise<void>((resolve) => (release = resolve));
      order.push('first');
      throw new Error('boom');
    });
    const second = links.exclusive(async () => {
      order.push('second');
      return 'ok';
    });
    await Promise.resolve();
    expect(order).toEqual([]);
    release();
    await expect(first).rejects.toThrow('boom');
    expect(await second).toBe('ok');
    expect(order).toEqual(['first', 'second']);
  });

  it('stays closed once closed', () => {
    const links = createLinkTracker<never>();
    expect(links.isClosed()).toBe(false);
    links.close();
    expect(links.isClosed()).toBe(true);
  });

  it('withLink: a link that cannot be opened is the answer, and the operation never runs', async () => {
    const links = createLinkTracker<string>();
    let ran = false;
    const refused = await links.withLink(async () => ({ ok: false, error: { kind: 'disconnected', reason: 'unplugged' } }) as const, async () => {
      ran = true;
      return { ok: true, value: 1 } as const;
    });
    expect(refused).toEqual({ ok: false, error: { kind: 'disconnected', reason: 'unplugged' } });
    expect(ran).toBe(false);
    expect(await links.withLink(async () => ({ ok: true, value: 'link' }) as const, async (link) => ({ ok: true, value: `${link} used` }) as const)).toEqual({ ok: true, value: 'link used' });
  });
});
