/**
 * The hidden prompt's order of steps: the terminal stops echoing before the question appears, so an
 * answer sent the moment the question shows is never echoed back onto the screen.
 */
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { nodeIo, type PromptInput } from '../../cli/terminal';

/** A terminal's input and output that record what the prompt does to them, in order. */
function recordingTerminal() {
  const steps: string[] = [];
  const emitter = new EventEmitter();
  const input = {
    setRawMode(mode: boolean) {
      steps.push(`raw:${mode}`);
      return this;
    },
    setEncoding() {
      return this;
    },
    on(event: string, listener: (...args: unknown[]) => void) {
      emitter.on(event, listener);
      return this;
    },
    off(event: string, listener: (...args: unknown[]) => void) {
      emitter.off(event, listener);
      return this;
    },
    resume() {
      return this;
    },
    pause() {
      return this;
    },
  } as unknown as PromptInput;
  const output = {
    write(text: string) {
      steps.push(`write:${text}`);
      return true;
    },
  };
  return { steps, input, output, type: (text: string) => emitter.emit('data', text) };
}

describe('the hidden prompt', () => {
  it('turns echo off before it shows the question, and back on after the answer', async () => {
    const terminal = recordingTerminal();
    const io = nodeIo({ prompt: { input: terminal.input, output: terminal.output } });
    const answer = io.ask('Password for admin@acme.com: ', { hidden: true });
    terminal.type('Correct-Horse-9!\r');
    await expect(answer).resolves.toBe('Correct-Horse-9!');
    expect(terminal.steps).toEqual(['raw:true', 'write:Password for admin@acme.com: ', 'raw:false', 'write:\n']);
  });
});
