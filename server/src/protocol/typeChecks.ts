/**
 * Compile-time checks that a schema or a list states exactly a type declared elsewhere (the drivers' device shape,
 * kinds and states): `void (true satisfies Exactly<A, B>)` stops the build when the two differ. Types only.
 */
export type Exactly<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

/** An object type with its intersections flattened, so that `A & B` and the same fields written out compare equal. */
export type Flat<A> = { [K in keyof A]: A[K] };
