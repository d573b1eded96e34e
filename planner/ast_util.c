/*
 * ast_util.c - what the planner asks of expressions: name resolution in a scope
 * (with "did you mean"), structural equality (GROUP BY matching), aggregate
 * detection and SQL text for EXPLAIN and default column names.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "scope.h"
#include "weir.h"

/* Levenshtein distance, for suggestions (short names only). */
int ast_edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 63 || lb > 63) return 99;
    int d[64][64];
    for (size_t i = 0; i <= la; i++) d[i][0] = (int)i;
    for (size_t j = 0; j <= lb; j++) d[0][j] = (int)j;
    for (size_t i = 1; i <= la; i++)
        for (size_t j = 1; j <= lb; j++) {
            int c = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
            if (d[i - 1][j] + 1 < c) c = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < c) c = d[i][j - 1] + 1;
            d[i][j] = c;
        }
    return d[la][lb];
}

int scope_resolve(const Scope *s, const AstNode *col, WeirError *err)
{
    int found = -1;
    for (int i = 0; i < s->ncols; i++) {
        const PlanCol *c = &s->cols[i];
        if (strcmp(c->name, col->str) != 0) continue;
        if (col->qual && (!c->qual || strcmp(c->qual, col->qual) != 0)) continue;
        if (found >= 0 && !col->qual) {
            return err_at(err, WEIR_ERROR, col->line, col->col, "column \"%s\" is ambiguous", col->str), -1;
        }
        if (found < 0) found = i;
    }
    if (found >= 0) {
        if (s->cols[found].unusable)
            return err_at(err, WEIR_ERROR, col->line, col->col, "%s", s->cols[found].unusable), -1;
        return found;
    }
    if (s->column_error)
        return err_at(err, WEIR_ERROR, col->line, col->col, s->column_error, col->str), -1;
    /* Suggest the closest name. */
    const char *best = NULL;
    int bestd = 3;
    for (int i = 0; i < s->ncols; i++) {
        int d = ast_edit_distance(s->cols[i].name, col->str);
        if (d < bestd || (d == bestd && !best && d <= 2)) {
            if (d < bestd) bestd = d, best = s->cols[i].name;
        }
    }
    if (!best)
        for (int i = 0; i < s->ncols; i++)
            if (strcasecmp(s->cols[i].name, col->str) == 0) best = s->cols[i].name;
    if (col->qual)
        err_at(err, WEIR_ERROR, col->line, col->col, "unknown column \"%s.%s\"", col->qual, col->str);
    else if (best)
        err_at(err, WEIR_ERROR, col->line, col->col, "unknown column \"%s\" in %s; did you mean \"%s\"?", col->str,
               s->what ? s->what : "the query", best);
    else
        err_at(err, WEIR_ERROR, col->line, col->col, "unknown column \"%s\" in %s", col->str,
               s->what ? s->what : "the query");
    return -1;
}

static bool str_eq(const char *a, const char *b)
{
    if (!a || !b) return a == b;
    return strcmp(a, b) == 0;
}

bool ast_equal(const AstNode *a, const AstNode *b)
{
    if (!a || !b) return a == b;
    if (a->kind != b->kind || a->op != b->op || a->negated != b->negated || a->distinct != b->distinct ||
        a->star != b->star)
        return false;
    switch (a->kind) {
    case AST_DOUBLE: if (a->dval != b->dval) return false; break;
    case AST_COLUMN:
        /* t.x and x are the same column when the qualifier is omitted on one side. */
        if (!str_eq(a->str, b->str)) return false;
        if (a->qual && b->qual && strcmp(a->qual, b->qual)) return false;
        return true;
    case AST_CAST: if (a->type.id != b->type.id) return false; break;
    default: break;
    }
    if (a->ival != b->ival || !str_eq(a->str, b->str)) return false;
    if (!ast_equal(a->a, b->a) || !ast_equal(a->b, b->b) || !ast_equal(a->c, b->c)) return false;
    int na = a->list ? a->list->n : 0, nb = b->list ? b->list->n : 0;
    if (na != nb) return false;
    for (int i = 0; i < na; i++)
        if (!ast_equal(a->list->items[i], b->list->items[i])) return false;
    return true;
}

bool ast_is_aggregate(const AstNode *e)
{
    if (!e || e->kind != AST_CALL || !e->str) return false;
    static const char *const names[] = {"COUNT", "SUM", "AVG", "MIN", "MAX"};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (!strcmp(e->str, names[i])) return true;
    return false;
}

/* ---- SQL text --------------------------------------------------------------- */

typedef struct Buf {
    char *p;
    size_t n, cap;
} Buf;

static void put(Buf *b, const char *s)
{
    size_t l = strlen(s);
    if (b->n + l + 1 > b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 128;
        while (cap < b->n + l + 1) cap *= 2;
        char *p = realloc(b->p, cap);
        if (!p) return;
        b->p = p;
        b->cap = cap;
    }
    memcpy(b->p + b->n, s, l + 1);
    b->n += l;
}

static const char *op_text(int op)
{
    switch (op) {
    case OP_ADD: return " + ";
    case OP_SUB: return " - ";
    case OP_MUL: return " * ";
    case OP_DIV: return " / ";
    case OP_MOD: return " % ";
    case OP_CONCAT: return " || ";
    case OP_EQ: return " = ";
    case OP_NE: return " <> ";
    case OP_LT: return " < ";
    case OP_LE: return " <= ";
    case OP_GT: return " > ";
    case OP_GE: return " >= ";
    case OP_AND: return " AND ";
    case OP_OR: return " OR ";
    default: return " ? ";
    }
}

static const char *unit_text(int64_t u)
{
    static const char *const names[] = {"?", "MILLISECOND", "SECOND", "MINUTE", "HOUR", "DAY", "WEEK",
                                        "MONTH", "QUARTER", "YEAR", "DOW", "DOY", "EPOCH"};
    return (u >= 0 && u <= UNIT_EPOCH) ? names[u] : "?";
}

static void interval_text(Buf *b, int64_t ms)
{
    char tmp[64];
    static const struct { int64_t ms; const char *unit; } units[] = {
        {86400000, "DAY"}, {3600000, "HOUR"}, {60000, "MINUTE"}, {1000, "SECOND"}};
    for (size_t i = 0; i < 4; i++)
        if (ms != 0 && ms % units[i].ms == 0) {
            snprintf(tmp, sizeof tmp, "INTERVAL '%lld' %s", (long long)(ms / units[i].ms), units[i].unit);
            put(b, tmp);
            return;
        }
    snprintf(tmp, sizeof tmp, "INTERVAL '%lld' MILLISECOND", (long long)ms);
    put(b, tmp);
}

static void sql_text(Buf *b, const AstNode *e)
{
    char tmp[64];
    if (!e) return;
    switch (e->kind) {
    case AST_INT: snprintf(tmp, sizeof tmp, "%lld", (long long)e->ival); put(b, tmp); break;
    case AST_DOUBLE: double_format(e->dval, tmp); put(b, tmp); break;
    case AST_STRING: put(b, "'"); put(b, e->str); put(b, "'"); break;
    case AST_BOOL: put(b, e->ival ? "TRUE" : "FALSE"); break;
    case AST_NULL: put(b, "NULL"); break;
    case AST_TIMESTAMP: time_format_iso(e->ival, tmp); put(b, "TIMESTAMP '"); put(b, tmp); put(b, "'"); break;
    case AST_INTERVAL: interval_text(b, e->ival); break;
    case AST_COLUMN:
        if (e->qual) put(b, e->qual), put(b, ".");
        put(b, e->str);
        break;
    case AST_STAR: if (e->qual) put(b, e->qual), put(b, "."); put(b, "*"); break;
    case AST_UNARY:
        put(b, e->op == OP_NOT ? "NOT " : e->op == OP_NEG ? "-" : "+");
        sql_text(b, e->a);
        break;
    case AST_BINARY:
        put(b, "(");
        sql_text(b, e->a);
        put(b, op_text(e->op));
        sql_text(b, e->b);
        put(b, ")");
        break;
    case AST_IS_NULL: sql_text(b, e->a); put(b, e->negated ? " IS NOT NULL" : " IS NULL"); break;
    case AST_IS_BOOL:
        sql_text(b, e->a);
        put(b, e->negated ? " IS NOT " : " IS ");
        put(b, e->ival ? "TRUE" : "FALSE");
        break;
    case AST_BETWEEN:
        sql_text(b, e->a);
        put(b, e->negated ? " NOT BETWEEN " : " BETWEEN ");
        sql_text(b, e->b);
        put(b, " AND ");
        sql_text(b, e->c);
        break;
    case AST_IN:
        sql_text(b, e->a);
        put(b, e->negated ? " NOT IN (" : " IN (");
        for (int i = 0; e->list && i < e->list->n; i++) {
            if (i) put(b, ", ");
            sql_text(b, e->list->items[i]);
        }
        put(b, ")");
        break;
    case AST_LIKE:
        sql_text(b, e->a);
        put(b, e->negated ? " NOT LIKE " : " LIKE ");
        sql_text(b, e->b);
        break;
    case AST_CASE:
        put(b, "CASE");
        if (e->a) put(b, " "), sql_text(b, e->a);
        for (int i = 0; e->list && i + 1 < e->list->n; i += 2) {
            put(b, " WHEN ");
            sql_text(b, e->list->items[i]);
            put(b, " THEN ");
            sql_text(b, e->list->items[i + 1]);
        }
        if (e->c) put(b, " ELSE "), sql_text(b, e->c);
        put(b, " END");
        break;
    case AST_CAST:
        put(b, "CAST(");
        sql_text(b, e->a);
        put(b, " AS ");
        put(b, type_name(e->type.id));
        put(b, ")");
        break;
    case AST_CALL:
        put(b, e->str);
        put(b, "(");
        if (e->distinct) put(b, "DISTINCT ");
        if (e->star) put(b, "*");
        for (int i = 0; e->list && i < e->list->n; i++) {
            if (i) put(b, ", ");
            sql_text(b, e->list->items[i]);
        }
        put(b, ")");
        break;
    case AST_EXTRACT:
        put(b, "EXTRACT(");
        put(b, unit_text(e->ival));
        put(b, " FROM ");
        sql_text(b, e->a);
        put(b, ")");
        break;
    case AST_FLOOR_TO:
    case AST_CEIL_TO:
        put(b, e->kind == AST_FLOOR_TO ? "FLOOR(" : "CEIL(");
        sql_text(b, e->a);
        put(b, " TO ");
        put(b, unit_text(e->ival));
        put(b, ")");
        break;
    case AST_DESCRIPTOR: put(b, "DESCRIPTOR("); put(b, e->str); put(b, ")"); break;
    default: put(b, "?"); break;
    }
}

const char *ast_to_sql(Arena *a, const AstNode *e)
{
    Buf b = {0};
    /* The outermost operator needs no parentheses. */
    if (e && e->kind == AST_BINARY) {
        sql_text(&b, e->a);
        put(&b, op_text(e->op));
        sql_text(&b, e->b);
    } else {
        sql_text(&b, e);
    }
    const char *s = b.p ? arena_strdup(a, b.p) : "";
    free(b.p);
    return s;
}
