// Typing for positional INSERTs: a row's values as a tuple in the order of its column list, so a value put in the
// wrong place fails the build where its type differs.

/** The tuple of R's values for the columns C, in C's order. */
export type PositionalParams<R, C extends readonly (keyof R)[]> = { -readonly [K in keyof C]: R[C[K] & keyof R] };
