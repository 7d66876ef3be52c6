// Expected failures travel as values (DESIGN.md): a Result is either the value
// or a typed reason. Exceptions are reserved for bugs. The one Result of the
// kiosk: bridge internals, every wire answer and the UI use this type.
export type Ok<T> = { readonly ok: true; readonly value: T };
export type Err<E> = { readonly ok: false; readonly error: E };
export type Result<T, E> = Ok<T> | Err<E>;

export const ok = <T>(value: T): Ok<T> => ({ ok: true, value });
export const err = <E>(error: E): Err<E> => ({ ok: false, error });
