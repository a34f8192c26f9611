/**
 * Asks for a value on the terminal without echoing what is typed (passwords, secrets).
 * Refuses when standard input is not a terminal: scripts pass secrets through options or
 * environment variables instead.
 */
export function canPrompt(): boolean {
  return process.stdin.isTTY && process.stderr.isTTY;
}

export function promptHidden(question: string): Promise<string> {
  const input = process.stdin;
  if (!canPrompt()) {
    return Promise.reject(
      new Error(`${question.trim()} cannot be asked: standard input is not a terminal.`),
    );
  }
  process.stderr.write(question);
  return new Promise((resolvePrompt, rejectPrompt) => {
    let answer = '';
    const finish = (error?: Error): void => {
      input.setRawMode(false);
      input.pause();
      input.removeListener('data', onData);
      process.stderr.write('\n');
      if (error === undefined) resolvePrompt(answer);
      else rejectPrompt(error);
    };
    const onData = (chunk: string): void => {
      for (const character of chunk) {
        if (character === '\r' || character === '\n' || character === '\u0004') {
          finish();
          return;
        }
        if (character === '\u0003') {
          finish(new Error('Interrupted.'));
          return;
        }
        if (character === '\u007f' || character === '\b') answer = answer.slice(0, -1);
        else answer += character;
      }
    };
    input.setRawMode(true);
    input.setEncoding('utf8');
    input.on('data', onData);
    input.resume();
  });
}

/** Asks twice and insists that both answers match. */
export async function promptNewPassword(what: string): Promise<string> {
  const first = await promptHidden(`${what}: `);
  const second = await promptHidden(`${what} again: `);
  if (first !== second) throw new Error('The two entries differ.');
  return first;
}
