/*
 * diff.h - a small unified diff of two texts, line by line, for the
 * regression runner (cli/regress.c) to show what a failing case printed.
 */
#ifndef WEIR_CLI_DIFF_H
#define WEIR_CLI_DIFF_H

#include <stddef.h>
#include <stdio.h>

/* Writes a unified diff of text a (the expected) against text b (the actual)
 * to f: "--- a_name", "+++ b_name", then @@ hunks with `context` lines of
 * context, like `diff -u`.  A last line without a newline is followed by
 * "\ No newline at end of file".  Writes nothing when the texts are equal.
 * Returns the number of hunks written (0: equal), or -1 when out of memory. */
int diff_unified(FILE *f, const char *a, size_t alen, const char *b, size_t blen,
                 const char *a_name, const char *b_name, int context);

#endif
