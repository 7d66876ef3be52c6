import { describe, expect, test } from 'vitest';
import { commandOf, createBurstFilter, type KeyPress } from './keypad-keys';

describe('keypad keys', () => {
  test('arrows and 8/2/4/6 move, Enter/5 select, 0 repeats, +/- volume, Esc/* back', () => {
    expect(['ArrowUp', 'ArrowLeft', '8', '4'].map((k) => commandOf(k, false))).toEqual(Array(4).fill({ kind: 'move', by: -1 }));
    expect(['ArrowDown', 'ArrowRight', '2', '6'].map((k) => commandOf(k, false))).toEqual(Array(4).fill({ kind: 'move', by: 1 }));
    expect(['Enter', '5', 'Clear'].map((k) => commandOf(k, false))).toEqual(Array(3).fill({ kind: 'select' }));
    expect(commandOf('0', false)).toEqual({ kind: 'repeat' });
    expect([commandOf('+', false), commandOf('-', false)]).toEqual([{ kind: 'volume', by: 1 }, { kind: 'volume', by: -1 }]);
    expect([commandOf('Escape', false), commandOf('*', false)]).toEqual([{ kind: 'back' }, { kind: 'back' }]);
    expect(commandOf('a', false)).toBeNull();
    expect(commandOf('7', false)).toBeNull();
  });

  test('on the number keypad every digit types, Backspace erases, Enter continues, and the arrows still move', () => {
    expect('0123456789'.split('').map((d) => commandOf(d, true))).toEqual('0123456789'.split('').map((digit) => ({ kind: 'digit', digit })));
    expect(commandOf('Backspace', true)).toEqual({ kind: 'erase' });
    expect(commandOf('Enter', true)).toEqual({ kind: 'submit' });
    expect(commandOf('ArrowDown', true)).toEqual({ kind: 'move', by: 1 });
    expect(commandOf('.', true)).toEqual({ kind: 'repeat' });
    expect(commandOf('*', true)).toEqual({ kind: 'back' });
  });
});

describe('burst filter', () => {
  function harness() {
    const delivered: string[] = [];
    const timers: (() => void)[] = [];
    const filter = createBurstFilter((press) => delivered.push(press.key), {
      setTimer: (run) => timers.push(run) - 1,
      clearTimer: (id) => (timers[id as number] = () => undefined),
    });
    const settle = () => timers.splice(0).forEach((run) => run());
    return { delivered, filter, settle, press: (key: string, timeStamp: number): KeyPress => ({ key, timeStamp }) };
  }

  test('a person typing, 150 ms apart, gets every key in order', () => {
    const { delivered, filter, settle, press } = harness();
    filter.push(press('6', 0));
    settle();
    filter.push(press('4', 150));
    filter.push(press('Enter', 300));
    settle();
    expect(delivered).toEqual(['6', '4', 'Enter']);
  });

  test('a wedge scanner burst (keys 5 ms apart) is dropped whole; arrows are never held', () => {
    const { delivered, filter, settle, press } = harness();
    [...'6449020886006380', 'Enter'].forEach((key, i) => filter.push(press(key, 1000 + i * 5)));
    settle();
    expect(delivered).toEqual([]);
    filter.push(press('ArrowDown', 2000));
    expect(delivered).toEqual(['ArrowDown']);
  });
});
