/*
 * parser.h - the SQL front end's entry point: text in, AST (grammar/ast.h) out.
 *
 * SQL text --lexer.re--> tokens --parse.y (lemon)--> AstScript.  The driver
 * lives in grammar/parse_driver.c.
 */
#ifndef WEIR_PARSER_H
#define WEIR_PARSER_H

#include <stddef.h>

#include "arena.h"
#include "ast.h"
#include "error.h"

/* Parses every statement of text[0..len) (text need not be NUL-terminated and
 * may contain NUL bytes, which are errors).  All nodes, strings and the
 * AstScript itself are allocated in a (the caller frees them with the arena);
 * names and strings are copies, but AstStmt.text_start/text_end and
 * select_start/select_end are byte offsets into text.
 * On success returns WEIR_OK and *out has the statements in order (empty
 * statements `;;` are skipped; an empty script has n == 0).
 * On a syntax error returns WEIR_ERROR with err->line/col set at the offending
 * token and err->msg like
 *   syntax error at "FORM": expected one of FROM, WHERE, GROUP, HAVING, LIMIT, ",", ";"
 * or `syntax error at end of input: expected ...`; lexical and semantic errors
 * (bad literal, unsupported type) likewise carry their position.  Returns
 * WEIR_NOMEM when the arena cannot grow.  *out is NULL on any error. */
int parse_script(Arena *a, const char *text, size_t len, AstScript **out, WeirError *err);

/* As parse_script, except that on a syntax, lexical or semantic error *out
 * still holds the statements that ended (with their ';') before the failing
 * one, possibly none, and the error is returned in err: a script runner runs
 * them, then reports the error, as sqlite3 and psql do.  *out is NULL only for
 * WEIR_NOMEM (and a prefix nested too deeply, whose error replaces it). */
int parse_script_prefix(Arena *a, const char *text, size_t len, AstScript **out, WeirError *err);

#endif
