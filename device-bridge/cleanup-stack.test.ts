import { describe, expect, it } from 'vitest';
import { createCleanupStack } from './cleanup-stack';

describe('cleanup stack', () => {
  it('closes newest first, each once', async () => {
    const closed: string[] = [];
    const stack = createCleanupStack();
    stack.defer(() => void closed.push('printer'));
    stack.defer(async () => void closed.push('journal'));
    stack.defer(() => void closed.push('server'));
    await stack.close();
    await stack.close();
    expect(closed).toEqual(['server', 'journal', 'printer']);
  });

  it('a disposer that throws does not keep the others open', async () => {
    const closed: string[] = [];
    const stack = createCleanupStack();
    stack.defer(() => void closed.push('printer'));
    stack.defer(() => {
      throw new Error('stuck');
    });
    await expect(stack.close()).rejects.toThrow('1 disposer(s) failed while closing');
    expect(closed).toEqual(['printer']);
  });
});
