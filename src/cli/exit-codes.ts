/** Exit codes of `srvsim`: only cli/ turns outcomes into these. */
export const EXIT = {
  ok: 0,
  internal: 1,
  input: 2,
  output: 3,
  simulation: 4,
  gateFailed: 5,
  /** A service the command needs (Redis) cannot be reached. */
  service: 6,
  interrupted: 130,
} as const;

/** One line of news on stderr, prefixed with the tool's name. */
export const say = (line: string): void => {
  process.stderr.write(`srvsim: ${line}\n`);
};
