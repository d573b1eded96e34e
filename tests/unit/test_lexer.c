/*
 * test_lexer.c - unit tests of the SQL tokenizer (grammar/lexer.re):
 * token codes, positions across lines and comments, keywords against
 * identifiers, quoting, numbers and the lexical errors.
 */
#include <criterion/criterion.h>
#include <string.h>

#include "lexer.h"
#include "parse.h"

#define MAXTOK 64

typedef struct Lexed {
    int n;
    Token t[MAXTOK];
    int last;            /* LEX_EOF or LEX_ERROR */
    const char *errmsg;
} Lexed;

/* Lexes text[0..len) to the end or the first error. */
static Lexed lex_all(const char *text, size_t len)
{
    Lexed r;
    memset(&r, 0, sizeof r);
    Lexer lx;
    lex_init(&lx, text, len);
    for (;;) {
        Token t;
        int c = lex_next(&lx, &t);
        cr_assert_eq(c, t.code);
        if (c == LEX_EOF || c == LEX_ERROR) {
            r.last = c;
            r.errmsg = lx.errmsg;
            r.t[r.n] = t;   /* the end / error position, not counted */
            return r;
        }
        cr_assert_lt(r.n, MAXTOK - 1);
        r.t[r.n++] = t;
    }
}

static Lexed lex_str(const char *text)
{
    return lex_all(text, strlen(text));
}

Test(lexer, simple_select_codes_and_offsets)
{
    const char *q = "SELECT a, b FROM t;";
    Lexed r = lex_str(q);
    int want[] = {TK_SELECT, TK_ID, TK_COMMA, TK_ID, TK_FROM, TK_ID, TK_SEMI};
    cr_assert_eq(r.last, LEX_EOF);
    cr_assert_eq(r.n, 7);
    for (int i = 0; i < 7; i++)
        cr_assert_eq(r.t[i].code, want[i], "token %d", i);
    cr_assert_eq(r.t[0].start, 0);
    cr_assert_eq(r.t[0].n, 6);
    cr_assert_eq(r.t[3].start, 10);
    cr_assert_eq(r.t[3].n, 1);
    cr_assert_eq(r.t[3].z, q + 10);
    cr_assert_eq(r.t[6].col, 19);
    cr_assert_eq(r.t[7].start, 19, "EOF at the end");
}

Test(lexer, positions_across_lines_and_comments)
{
    const char *q = "SELECT -- first line\n"
                    "  x /* a\n"
                    "multi-line comment */ , y\n"
                    "\tFROM t";
    Lexed r = lex_str(q);
    cr_assert_eq(r.last, LEX_EOF);
    cr_assert_eq(r.n, 6);
    cr_assert_eq(r.t[0].line, 1);
    cr_assert_eq(r.t[0].col, 1);
    cr_assert_eq(r.t[1].line, 2);   /* x */
    cr_assert_eq(r.t[1].col, 3);
    cr_assert_eq(r.t[2].code, TK_COMMA);
    cr_assert_eq(r.t[2].line, 3);
    cr_assert_eq(r.t[2].col, 23);
    cr_assert_eq(r.t[3].line, 3);   /* y */
    cr_assert_eq(r.t[3].col, 25);
    cr_assert_eq(r.t[4].code, TK_FROM);
    cr_assert_eq(r.t[4].line, 4);
    cr_assert_eq(r.t[4].col, 2);
    cr_assert_eq(r.t[5].col, 7);
}

Test(lexer, keywords_case_insensitive_identifiers_not)
{
    Lexed r = lex_str("select SeLeCt FROMX from_ _x timestamp Timestamp_Ltz windows count");
    int want[] = {TK_SELECT, TK_SELECT, TK_ID, TK_ID, TK_ID, TK_TIMESTAMP, TK_TIMESTAMP_LTZ,
                  TK_ID, TK_ID};
    cr_assert_eq(r.n, 9);
    for (int i = 0; i < 9; i++)
        cr_assert_eq(r.t[i].code, want[i], "token %d", i);
}

Test(lexer, word_after_dot_is_identifier)
{
    Lexed r = lex_str("t.timestamp properties.group.id timestamp");
    int want[] = {TK_ID, TK_DOT, TK_ID, TK_ID, TK_DOT, TK_ID, TK_DOT, TK_ID, TK_TIMESTAMP};
    cr_assert_eq(r.n, 9);
    for (int i = 0; i < 9; i++)
        cr_assert_eq(r.t[i].code, want[i], "token %d", i);
}

Test(lexer, quoted_identifiers)
{
    const char *q = "`timestamp` \"Amount\" `a``b` \"x\"\"y\"";
    Lexed r = lex_str(q);
    cr_assert_eq(r.n, 4);
    for (int i = 0; i < 4; i++) {
        cr_assert_eq(r.t[i].code, TK_ID);
        cr_assert(r.t[i].quoted);
    }
    cr_assert_eq(r.t[0].n, 11);
    cr_assert_eq(r.t[2].n, 6);
    cr_assert_eq(r.t[3].start, 28);
    cr_assert_eq(r.t[3].n, 6);
    Lexed p = lex_str("plain");
    cr_assert_not(p.t[0].quoted);
}

Test(lexer, strings_with_escaped_quotes)
{
    Lexed r = lex_str("'it''s' '' 'a\nb' x");
    cr_assert_eq(r.n, 4);
    cr_assert_eq(r.t[0].code, TK_SCONST);
    cr_assert_eq(r.t[0].n, 7);
    cr_assert_eq(r.t[1].code, TK_SCONST);
    cr_assert_eq(r.t[1].n, 2);
    cr_assert_eq(r.t[2].code, TK_SCONST);
    cr_assert_eq(r.t[3].line, 2, "a newline inside a string counts");
    cr_assert_eq(r.t[3].col, 4);
}

Test(lexer, numbers)
{
    Lexed r = lex_str("42 8000.5 1e3 .5 2.E-3 7.");
    int want[] = {TK_ICONST, TK_FCONST, TK_FCONST, TK_FCONST, TK_FCONST, TK_FCONST};
    cr_assert_eq(r.n, 6);
    for (int i = 0; i < 6; i++)
        cr_assert_eq(r.t[i].code, want[i], "token %d", i);
    cr_assert_eq(r.t[1].n, 6);
    cr_assert_eq(r.t[4].n, 5);
}

Test(lexer, operators)
{
    Lexed r = lex_str("= <> != < <= > >= || => + - * / % ( ) , ; .");
    int want[] = {TK_EQ, TK_NE, TK_NE, TK_LT, TK_LE, TK_GT, TK_GE, TK_CONCAT, TK_ARROW,
                  TK_PLUS, TK_MINUS, TK_STAR, TK_SLASH, TK_PERCENT, TK_LP, TK_RP,
                  TK_COMMA, TK_SEMI, TK_DOT};
    int n = (int)(sizeof want / sizeof want[0]);
    cr_assert_eq(r.n, n);
    for (int i = 0; i < n; i++)
        cr_assert_eq(r.t[i].code, want[i], "token %d", i);
    /* a comment right after a minus sign */
    Lexed c = lex_str("a--b\n-b");
    cr_assert_eq(c.n, 3);
    cr_assert_eq(c.t[1].code, TK_MINUS);
    cr_assert_eq(c.t[1].line, 2);
}

Test(lexer, unterminated_string)
{
    Lexed r = lex_str("SELECT\n  'abc");
    cr_assert_eq(r.last, LEX_ERROR);
    cr_assert_eq(r.n, 1);
    cr_assert_eq(r.t[1].line, 2);
    cr_assert_eq(r.t[1].col, 3);
    cr_assert_str_eq(r.errmsg, "unterminated string literal");
    /* a doubled quote at the end does not close it */
    Lexed d = lex_str("'it''");
    cr_assert_eq(d.last, LEX_ERROR);
    cr_assert_eq(d.t[0].col, 1);
}

Test(lexer, unterminated_quoted_identifier_and_comment)
{
    Lexed r = lex_str("a `abc");
    cr_assert_eq(r.last, LEX_ERROR);
    cr_assert_eq(r.t[1].col, 3);
    cr_assert_str_eq(r.errmsg, "unterminated quoted identifier");
    r = lex_str("a \"abc");
    cr_assert_eq(r.last, LEX_ERROR);
    cr_assert_str_eq(r.errmsg, "unterminated quoted identifier");
    r = lex_str("a\n /* never closed *");
    cr_assert_eq(r.last, LEX_ERROR);
    cr_assert_eq(r.t[1].line, 2);
    cr_assert_eq(r.t[1].col, 2);
    cr_assert_str_eq(r.errmsg, "unterminated block comment");
}

Test(lexer, illegal_character)
{
    Lexed r = lex_str("SELECT a # b");
    cr_assert_eq(r.last, LEX_ERROR);
    cr_assert_eq(r.n, 2);
    cr_assert_eq(r.t[2].col, 10);
    cr_assert_str_eq(r.errmsg, "illegal character '#'");
    r = lex_str("x \xc3\xa9");
    cr_assert_eq(r.last, LEX_ERROR);
    cr_assert_str_eq(r.errmsg, "illegal byte 0xc3");
}

Test(lexer, nul_bytes_are_errors)
{
    const char q[] = "SELECT a\0b";
    Lexed r = lex_all(q, sizeof q - 1);
    cr_assert_eq(r.last, LEX_ERROR);
    cr_assert_eq(r.n, 2);
    cr_assert_eq(r.t[2].col, 9);
    cr_assert_str_eq(r.errmsg, "NUL byte in input");
    const char s[] = "SELECT 'a\0b'";
    r = lex_all(s, sizeof s - 1);
    cr_assert_eq(r.last, LEX_ERROR);
    cr_assert_eq(r.t[1].col, 10, "error at the NUL inside the string");
    const char c[] = "-- x\0y\nSELECT";
    r = lex_all(c, sizeof c - 1);
    cr_assert_eq(r.last, LEX_ERROR);
    cr_assert_eq(r.t[0].col, 5);
}

Test(lexer, not_nul_terminated)
{
    /* only the first 8 bytes belong to the input */
    const char q[] = "SELECT aXYZ";
    Lexed r = lex_all(q, 8);
    cr_assert_eq(r.last, LEX_EOF);
    cr_assert_eq(r.n, 2);
    cr_assert_eq(r.t[1].n, 1);
    /* a string cut by the end of the input is unterminated */
    const char s[] = "'abc'";
    r = lex_all(s, 4);
    cr_assert_eq(r.last, LEX_ERROR);
}

Test(lexer, empty_and_blank)
{
    Lexed r = lex_all("", 0);
    cr_assert_eq(r.last, LEX_EOF);
    cr_assert_eq(r.n, 0);
    r = lex_str("  \n -- only a comment");
    cr_assert_eq(r.last, LEX_EOF);
    cr_assert_eq(r.n, 0);
}

Test(lexer, keyword_table)
{
    int n;
    const LexKeyword *k = lex_keywords(&n);
    cr_assert_gt(n, 50);
    for (int i = 1; i < n; i++)
        cr_assert_lt(strcmp(k[i - 1].name, k[i].name), 0, "sorted at %s", k[i].name);
    cr_assert_str_eq(lex_keyword_name(TK_FROM), "FROM");
    cr_assert_null(lex_keyword_name(TK_COMMA));
}
