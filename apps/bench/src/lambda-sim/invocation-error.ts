/** A failed invocation as Lambda reports it: `name` is the error type (`Runtime.ExitError`…). */
export class InvocationError extends Error {
  constructor(
    name: string,
    message: string,
    readonly envId: number,
  ) {
    super(message);
    this.name = name;
  }
}
