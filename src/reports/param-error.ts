// A report parameter the caller got wrong: the CLI prints it with the usage (exit 2), the admin API answers 400
// naming `param`.
export class ParamError extends Error {
  constructor(
    message: string,
    readonly param: string,
  ) {
    super(message);
  }
}
