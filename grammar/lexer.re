/*
 * lexer.re - the SQL tokenizer; re2c turns it into generated/lexer.c.
 *
 * SQL text --lex_next--> Token --parse_driver.c--> lemon parser --> AST.
 * The input is a byte range that need not be NUL-terminated: YYPEEK returns 0
 * past the end and re2c's end-of-input rule ($) tells that sentinel from a NUL
 * byte inside the text, which is an error.  Words are matched by one rule and
 * then looked up in the keyword table (upper case, sorted, binary search).
 * Line and column are tracked by counting newlines over the bytes consumed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "lexer.h"
#include "parse.h"

/* Sorted by name; fallback = also usable as an identifier (parse.y %fallback). */
static const LexKeyword lex_kw[] = {
    {"AFTER", TK_AFTER, true},
    {"ALL", TK_ALL, false},
    {"AND", TK_AND, false},
    {"AS", TK_AS, false},
    {"BETWEEN", TK_BETWEEN, false},
    {"BIGINT", TK_BIGINT, true},
    {"BOOLEAN", TK_BOOLEAN, true},
    {"BOTH", TK_BOTH, true},
    {"BY", TK_BY, false},
    {"CASE", TK_CASE, false},
    {"CAST", TK_CAST, false},
    {"CEIL", TK_CEIL, true},
    {"CEILING", TK_CEILING, true},
    {"CHAR", TK_CHAR, true},
    {"CLOSE", TK_CLOSE, true},
    {"CREATE", TK_CREATE, false},
    {"CUMULATE", TK_CUMULATE, true},
    {"DAY", TK_DAY, true},
    {"DAYS", TK_DAYS, true},
    {"DECIMAL", TK_DECIMAL, true},
    {"DELAY", TK_DELAY, true},
    {"DESC", TK_DESC, true},
    {"DESCRIBE", TK_DESCRIBE, true},
    {"DESCRIPTOR", TK_DESCRIPTOR, true},
    {"DISTINCT", TK_DISTINCT, false},
    {"DOUBLE", TK_DOUBLE, true},
    {"DOW", TK_DOW, true},
    {"DOY", TK_DOY, true},
    {"DROP", TK_DROP, false},
    {"ELSE", TK_ELSE, false},
    {"EMIT", TK_EMIT, false},
    {"END", TK_END, false},
    {"ENFORCED", TK_ENFORCED, true},
    {"EPOCH", TK_EPOCH, true},
    {"ESCAPE", TK_ESCAPE, false},
    {"EVERY", TK_EVERY, true},
    {"EXISTS", TK_EXISTS, true},
    {"EXPLAIN", TK_EXPLAIN, true},
    {"EXTRACT", TK_EXTRACT, false},
    {"FALSE", TK_FALSE, false},
    {"FLOAT", TK_FLOAT, true},
    {"FLOOR", TK_FLOOR, true},
    {"FOR", TK_FOR, true},
    {"FROM", TK_FROM, false},
    {"GROUP", TK_GROUP, false},
    {"HAVING", TK_HAVING, false},
    {"HOP", TK_HOP, true},
    {"HOUR", TK_HOUR, true},
    {"HOURS", TK_HOURS, true},
    {"IF", TK_IF, true},
    {"IN", TK_IN, false},
    {"INSERT", TK_INSERT, false},
    {"INT", TK_INT, true},
    {"INTEGER", TK_INTEGER, true},
    {"INTERVAL", TK_INTERVAL, false},
    {"INTO", TK_INTO, false},
    {"IS", TK_IS, false},
    {"JOBS", TK_JOBS, true},
    {"KEY", TK_KEY, true},
    {"LEADING", TK_LEADING, true},
    {"LIKE", TK_LIKE, false},
    {"LIMIT", TK_LIMIT, false},
    {"LOCAL", TK_LOCAL, true},
    {"MILLISECOND", TK_MILLISECOND, true},
    {"MILLISECONDS", TK_MILLISECONDS, true},
    {"MINUTE", TK_MINUTE, true},
    {"MINUTES", TK_MINUTES, true},
    {"MONTH", TK_MONTH, true},
    {"MONTHS", TK_MONTHS, true},
    {"NOT", TK_NOT, false},
    {"NULL", TK_NULL, false},
    {"NUMERIC", TK_NUMERIC, true},
    {"ON", TK_ON, true},
    {"OR", TK_OR, false},
    {"PARTITION", TK_PARTITION, true},
    {"PRECISION", TK_PRECISION, true},
    {"PRIMARY", TK_PRIMARY, true},
    {"QUARTER", TK_QUARTER, true},
    {"QUARTERS", TK_QUARTERS, true},
    {"REAL", TK_REAL, true},
    {"RESET", TK_RESET, true},
    {"ROWS", TK_ROWS, true},
    {"SECOND", TK_SECOND, true},
    {"SECONDS", TK_SECONDS, true},
    {"SELECT", TK_SELECT, false},
    {"SESSION", TK_SESSION, true},
    {"SET", TK_SET, true},
    {"SHOW", TK_SHOW, true},
    {"SINK", TK_SINK, true},
    {"SINKS", TK_SINKS, true},
    {"SMALLINT", TK_SMALLINT, true},
    {"SOURCE", TK_SOURCE, true},
    {"SOURCES", TK_SOURCES, true},
    {"STRING", TK_STRING, true},
    {"SUBSTRING", TK_SUBSTRING, true},
    {"TABLE", TK_TABLE, true},
    {"TABLES", TK_TABLES, true},
    {"TEXT", TK_TEXT, true},
    {"THEN", TK_THEN, false},
    {"TIME", TK_TIME, true},
    {"TIMESTAMP", TK_TIMESTAMP, true},
    {"TIMESTAMP_LTZ", TK_TIMESTAMP_LTZ, true},
    {"TINYINT", TK_TINYINT, true},
    {"TO", TK_TO, true},
    {"TRAILING", TK_TRAILING, true},
    {"TRIM", TK_TRIM, true},
    {"TRUE", TK_TRUE, false},
    {"TUMBLE", TK_TUMBLE, true},
    {"VARCHAR", TK_VARCHAR, true},
    {"VIEW", TK_VIEW, true},
    {"VIEWS", TK_VIEWS, true},
    {"WATERMARK", TK_WATERMARK, true},
    {"WEEK", TK_WEEK, true},
    {"WEEKS", TK_WEEKS, true},
    {"WHEN", TK_WHEN, false},
    {"WHERE", TK_WHERE, false},
    {"WINDOW", TK_WINDOW, true},
    {"WITH", TK_WITH, false},
    {"WITHOUT", TK_WITHOUT, true},
    {"YEAR", TK_YEAR, true},
    {"YEARS", TK_YEARS, true},
    {"ZONE", TK_ZONE, true},
};

#define LEX_NKW ((int)(sizeof lex_kw / sizeof lex_kw[0]))

const LexKeyword *lex_keywords(int *n)
{
    *n = LEX_NKW;
    return lex_kw;
}

const char *lex_keyword_name(int code)
{
    for (int i = 0; i < LEX_NKW; i++)
        if (lex_kw[i].code == code)
            return lex_kw[i].name;
    return NULL;
}

static int lex_kw_cmp(const void *key, const void *elem)
{
    return strcmp((const char *)key, ((const LexKeyword *)elem)->name);
}

/* The TK_ code of the word z[0..n): a keyword's code or TK_ID. */
static int lex_word(const char *z, size_t n)
{
    char buf[24];
    if (n >= sizeof buf)
        return TK_ID;
    for (size_t i = 0; i < n; i++) {
        char c = z[i];
        buf[i] = (c >= 'a' && c <= 'z') ? (char)(c - 'a' + 'A') : c;
    }
    buf[n] = 0;
    const LexKeyword *k = bsearch(buf, lex_kw, LEX_NKW, sizeof lex_kw[0], lex_kw_cmp);
    return k ? k->code : TK_ID;
}

void lex_init(Lexer *lx, const char *text, size_t len)
{
    memset(lx, 0, sizeof *lx);
    lx->text = text;
    lx->len = len;
    lx->line = 1;
}

/* Moves lx->pos forward to `to`, counting the newlines on the way. */
static void lex_advance(Lexer *lx, size_t to)
{
    const char *z = lx->text;
    for (size_t i = lx->pos; i < to; i++)
        if (z[i] == '\n') {
            lx->line++;
            lx->line_start = i + 1;
        }
    lx->pos = to;
}

/* Fills tok with the bytes [start, end) (lx->pos == start). */
static void lex_fill(Lexer *lx, Token *tok, int code, size_t start, size_t end)
{
    tok->code = code;
    tok->z = lx->text + start;
    tok->n = (int)(end - start);
    tok->start = (int)start;
    tok->line = lx->line;
    tok->col = (int)(start - lx->line_start) + 1;
    tok->quoted = false;
}

/* Reports an error at offset `at` (>= lx->pos); the lexer stays there. */
static int lex_error(Lexer *lx, Token *tok, size_t at, const char *msg)
{
    lex_advance(lx, at);
    lex_fill(lx, tok, LEX_ERROR, at, at);
    lx->errmsg = msg;
    return LEX_ERROR;
}

/* A token [start, end) that may contain a NUL byte (strings, comments):
 * returns 0, or LEX_ERROR at the NUL. */
static int lex_check_nul(Lexer *lx, Token *tok, size_t start, size_t end)
{
    const char *nul = memchr(lx->text + start, 0, end - start);
    if (nul)
        return lex_error(lx, tok, (size_t)(nul - lx->text), "NUL byte in input");
    return 0;
}

int lex_next(Lexer *lx, Token *tok)
{
    const unsigned char *base = (const unsigned char *)lx->text;
    const size_t lim = lx->len;
    for (;;) {
        size_t start = lx->pos, cur = start, mar = start;
        int code;
        (void)mar;
        /*!re2c
            re2c:api = custom;
            re2c:api:style = free-form;
            re2c:eof = 0;
            re2c:yyfill:enable = 1;
            re2c:define:YYCTYPE = "unsigned char";
            re2c:define:YYPEEK = "(cur < lim ? base[cur] : 0)";
            re2c:define:YYSKIP = "++cur;";
            re2c:define:YYBACKUP = "mar = cur;";
            re2c:define:YYRESTORE = "cur = mar;";
            re2c:define:YYLESSTHAN = "(lim - cur) < @@{len}";
            re2c:define:YYFILL = "0"; /* no refill: the text is all there */

            $ {
                lex_fill(lx, tok, LEX_EOF, start, start);
                lx->prev_code = LEX_EOF;
                return LEX_EOF;
            }
            [ \t\r\n\f\v]+ { lex_advance(lx, cur); continue; }
            "--" [^\n]* {
                if (lex_check_nul(lx, tok, start, cur)) return LEX_ERROR;
                lex_advance(lx, cur);
                continue;
            }
            "/*" ([^*] | "*"+ [^*/])* "*"+ "/" {
                if (lex_check_nul(lx, tok, start, cur)) return LEX_ERROR;
                lex_advance(lx, cur);
                continue;
            }
            "/*" { return lex_error(lx, tok, start, "unterminated block comment"); }

            "'" ([^'] | "''")* "'" {
                if (lex_check_nul(lx, tok, start, cur)) return LEX_ERROR;
                code = TK_SCONST;
                goto done;
            }
            "'" { return lex_error(lx, tok, start, "unterminated string literal"); }
            "`" ([^`] | "``")* "`" | ["] ([^"] | ["]["])* ["] {
                if (lex_check_nul(lx, tok, start, cur)) return LEX_ERROR;
                if (cur - start == 2)
                    return lex_error(lx, tok, start, "empty quoted identifier");
                lex_fill(lx, tok, TK_ID, start, cur);
                tok->quoted = true;
                lex_advance(lx, cur);
                lx->prev_code = TK_ID;
                return TK_ID;
            }
            "`" | ["] { return lex_error(lx, tok, start, "unterminated quoted identifier"); }

            [0-9]+ { code = TK_ICONST; goto done; }
            ([0-9]+ "." [0-9]* | "." [0-9]+) ([eE] [+-]? [0-9]+)? { code = TK_FCONST; goto done; }
            [0-9]+ [eE] [+-]? [0-9]+ { code = TK_FCONST; goto done; }

            [A-Za-z_][A-Za-z0-9_]* {
                code = lx->prev_code == TK_DOT ? TK_ID
                                               : lex_word(lx->text + start, cur - start);
                goto done;
            }

            "(" { code = TK_LP; goto done; }
            ")" { code = TK_RP; goto done; }
            "," { code = TK_COMMA; goto done; }
            ";" { code = TK_SEMI; goto done; }
            "." { code = TK_DOT; goto done; }
            "*" { code = TK_STAR; goto done; }
            "+" { code = TK_PLUS; goto done; }
            "-" { code = TK_MINUS; goto done; }
            "/" { code = TK_SLASH; goto done; }
            "%" { code = TK_PERCENT; goto done; }
            "||" { code = TK_CONCAT; goto done; }
            "=" { code = TK_EQ; goto done; }
            "=>" { code = TK_ARROW; goto done; }
            "<>" | "!=" { code = TK_NE; goto done; }
            "<" { code = TK_LT; goto done; }
            "<=" { code = TK_LE; goto done; }
            ">" { code = TK_GT; goto done; }
            ">=" { code = TK_GE; goto done; }

            [\x00] { return lex_error(lx, tok, start, "NUL byte in input"); }
            * {
                unsigned char c = base[start];
                if (c > ' ' && c < 0x7f)
                    snprintf(lx->errbuf, sizeof lx->errbuf, "illegal character '%c'", c);
                else
                    snprintf(lx->errbuf, sizeof lx->errbuf, "illegal byte 0x%02x", c);
                return lex_error(lx, tok, start, lx->errbuf);
            }
        */
    done:
        lex_fill(lx, tok, code, start, cur);
        lex_advance(lx, cur);
        lx->prev_code = code;
        return code;
    }
}
