import { describe, expect, it, vi } from 'vitest';
import { firstThen } from './tokens';

describe('firstThen', () => {
  it('hands out the token it was given once, then fetches fresh ones', async () => {
    const fetchNext = vi.fn().mockResolvedValueOnce('second').mockResolvedValueOnce('third');
    const next = firstThen('first', fetchNext);
    expect(await next()).toBe('first');
    expect(fetchNext).not.toHaveBeenCalled();
    expect(await next()).toBe('second');
    expect(await next()).toBe('third');
  });
});
