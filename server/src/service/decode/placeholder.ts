/**
 * The character template masking writes into every placeholder scalar (templates/templateModel.ts).
 * The decoder records a value holding it as templated instead of checking it, and the pipeline
 * drops findings that rest on it; it is defined here, below both, because the decoder reads it.
 */
export const placeholderMark = '\uFFFC';
