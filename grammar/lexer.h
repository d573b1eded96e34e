/*
 * lexer.h - the SQL tokenizer (grammar/lexer.re, compiled by re2c).
 *
 * SQL text --lex_next--> Token --parse_driver.c--> lemon parser --> AST.
 * A Lexer walks a byte range that need not be NUL-terminated; each Token keeps
 * its byte offset, length and 1-based line:col so later errors can point at
 * the text.  Token codes are the TK_ codes of the generated parse.h.
 */
#ifndef WEIR_LEXER_H
#define WEIR_LEXER_H

#include <stdbool.h>
#include <stddef.h>

/* lex_next's result for a malformed token (Lexer.errmsg says why). */
#define LEX_ERROR (-1)
/* lex_next's result at the end of the input. */
#define LEX_EOF 0

typedef struct Token {
    int code;           /* TK_ code, LEX_EOF or LEX_ERROR */
    const char *z;      /* first byte of the token in the input (not NUL-terminated) */
    int n;              /* length in bytes */
    int start;          /* byte offset of z in the input */
    int line, col;      /* 1-based position of the first byte */
    bool quoted;        /* TK_ID written as `x` or "x" */
} Token;

typedef struct Lexer {
    const char *text;   /* input, borrowed: must outlive the lexer and its tokens */
    size_t len;
    size_t pos;         /* offset of the next byte to read */
    int line;           /* line of text[pos] */
    size_t line_start;  /* offset of the first byte of that line */
    int prev_code;      /* code of the previous token (a word after "." is always TK_ID) */
    const char *errmsg; /* message after LEX_ERROR (static or in errbuf) */
    char errbuf[48];
} Lexer;

/* One keyword of the dialect: its upper-case spelling and TK_ code.
 * fallback: the word may also serve as an identifier (lemon's %fallback ID). */
typedef struct LexKeyword {
    const char *name;
    int code;
    bool fallback;
} LexKeyword;

/* Starts lexing text[0..len).  Nothing is allocated. */
void lex_init(Lexer *lx, const char *text, size_t len);

/* Reads the next token into *tok and returns its code: a TK_ code, LEX_EOF at
 * the end (tok positioned at the end), or LEX_ERROR for an unterminated string,
 * quoted identifier or block comment, an illegal character or a NUL byte; then
 * tok points at the offending position and lx->errmsg says what was wrong.
 * Words are looked up case-insensitively among the keywords; a word that
 * follows "." is always TK_ID (t.timestamp, properties.group.id). */
int lex_next(Lexer *lx, Token *tok);

/* The keyword table (sorted by name), for error messages and tests. */
const LexKeyword *lex_keywords(int *n);

/* The keyword whose code is `code`, or NULL. */
const char *lex_keyword_name(int code);

#endif
