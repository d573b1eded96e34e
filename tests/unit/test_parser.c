/*
 * test_parser.c - unit tests of the SQL front end (grammar/parse.y through
 * parse_script): every statement kind, the AST fields it fills, windows in
 * both syntaxes, literals, precedence, keywords as names, and the exact text
 * and position of errors.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "parser.h"

static Arena arena;
static WeirError err;

static void setup(void)
{
    arena_init(&arena);
    err_clear(&err);
}

static void teardown(void)
{
    arena_free(&arena);
}

TestSuite(parser, .init = setup, .fini = teardown);

/* Parses q and asserts success. */
static AstScript *ok(const char *q)
{
    AstScript *s = NULL;
    int rc = parse_script(&arena, q, strlen(q), &s, &err);
    cr_assert_eq(rc, WEIR_OK, "parse of [%s] failed: %d:%d: %s", q, err.line, err.col, err.msg);
    cr_assert_not_null(s);
    return s;
}

/* Parses q, which must be exactly one statement. */
static AstStmt *one(const char *q)
{
    AstScript *s = ok(q);
    cr_assert_eq(s->n, 1, "[%s] gave %d statements", q, s->n);
    return s->stmts[0];
}

/* The SELECT of a one-statement query. */
static AstSelect *sel(const char *q)
{
    AstStmt *st = one(q);
    cr_assert_not_null(st->select);
    return st->select;
}

/* The expression of the first select item. */
static AstNode *expr(const char *q)
{
    AstSelect *s = sel(q);
    cr_assert_geq(s->items->n, 1);
    return s->items->items[0]->a;
}

/* Parses q, asserts the error, its position and its message. */
static void fails(const char *q, int line, int col, const char *msg)
{
    AstScript *s = (AstScript *)1;
    int rc = parse_script(&arena, q, strlen(q), &s, &err);
    cr_assert_eq(rc, WEIR_ERROR, "[%s] should fail", q);
    cr_assert_null(s);
    cr_assert_str_eq(err.msg, msg, "[%s]", q);
    cr_assert_eq(err.line, line, "[%s] line %d", q, err.line);
    cr_assert_eq(err.col, col, "[%s] col %d", q, err.col);
}

static void is_col(AstNode *n, const char *qual, const char *name)
{
    cr_assert_not_null(n);
    cr_assert_eq(n->kind, AST_COLUMN, "kind %d", n->kind);
    cr_assert_str_eq(n->str, name);
    if (qual)
        cr_assert_str_eq(n->qual, qual);
    else
        cr_assert_null(n->qual);
}

static void is_bin(AstNode *n, int op)
{
    cr_assert_not_null(n);
    cr_assert_eq(n->kind, AST_BINARY, "kind %d", n->kind);
    cr_assert_eq(n->op, op, "op %d want %d", n->op, op);
}

static int64_t interval_ms(const char *lit)
{
    char q[256];
    snprintf(q, sizeof q, "SELECT %s", lit);
    AstNode *n = expr(q);
    cr_assert_eq(n->kind, AST_INTERVAL, "%s", lit);
    return n->ival;
}

/* ---- CREATE SOURCE / TABLE ---- */

static const char *dialect_source =
    "CREATE SOURCE IF NOT EXISTS transactions (\n"
    "  transaction_id VARCHAR,\n"
    "  `timestamp`    TIMESTAMP,\n"
    "  amount         DOUBLE,\n"
    "  pt AS PROCTIME(),                                   -- processing-time attribute\n"
    "  amount_cents AS CAST(amount * 100 AS BIGINT),       -- computed column\n"
    "  WATERMARK FOR `timestamp` AS `timestamp` - INTERVAL '1' SECOND\n"
    ") WITH (\n"
    "  connector = 'file', path = 'data/transactions.csv', format = 'csv'\n"
    ");";

Test(parser, create_source_from_dialect)
{
    AstStmt *st = one(dialect_source);
    cr_assert_eq(st->kind, STMT_CREATE_SOURCE);
    cr_assert_eq(st->obj, OBJ_SOURCE);
    cr_assert(st->if_not_exists);
    cr_assert_str_eq(st->name, "transactions");
    cr_assert_eq(st->name_line, 1);
    cr_assert_eq(st->name_col, 29);
    cr_assert_eq(st->line, 1);
    cr_assert_eq(st->col, 1);
    cr_assert_eq(st->columns->n, 5);
    AstNode **c = st->columns->items;
    cr_assert_eq(c[0]->kind, AST_COLUMN_DEF);
    cr_assert_str_eq(c[0]->str, "transaction_id");
    cr_assert_eq(c[0]->type.id, TYPE_VARCHAR);
    cr_assert_eq(c[0]->line, 2);
    cr_assert_eq(c[0]->col, 3);
    cr_assert_str_eq(c[1]->str, "timestamp");
    cr_assert(c[1]->quoted);
    cr_assert_eq(c[1]->type.id, TYPE_TIMESTAMP);
    cr_assert_eq(c[2]->type.id, TYPE_DOUBLE);
    cr_assert_null(c[2]->a);
    cr_assert_str_eq(c[3]->str, "pt");
    cr_assert_eq(c[3]->type.id, TYPE_NULL);
    cr_assert_eq(c[3]->a->kind, AST_CALL);
    cr_assert_str_eq(c[3]->a->str, "PROCTIME");
    cr_assert_eq(c[3]->a->list->n, 0);
    cr_assert_eq(c[4]->a->kind, AST_CAST);
    cr_assert_eq(c[4]->a->type.id, TYPE_BIGINT);
    is_bin(c[4]->a->a, OP_MUL);
    cr_assert_str_eq(st->wm_column, "timestamp");
    cr_assert_eq(st->wm_line, 7);
    cr_assert_eq(st->wm_col, 3);
    is_bin(st->wm_expr, OP_SUB);
    is_col(st->wm_expr->a, NULL, "timestamp");
    cr_assert_eq(st->wm_expr->b->kind, AST_INTERVAL);
    cr_assert_eq(st->wm_expr->b->ival, 1000);
    cr_assert_eq(st->options->n, 3);
    AstNode *o = st->options->items[1];
    cr_assert_eq(o->kind, AST_OPTION);
    cr_assert_str_eq(o->str, "path");
    cr_assert_eq(o->a->kind, AST_STRING);
    cr_assert_str_eq(o->a->str, "data/transactions.csv");
    cr_assert_str_eq(st->options->items[2]->str, "format");
    cr_assert_eq(st->text_start, 0);
    cr_assert_eq(st->text_end, (int)strlen(dialect_source) - 1, "text ends before ';'");
}

Test(parser, create_table_types)
{
    AstStmt *st = one(
        "create table T (a BOOLEAN, b INT, c INTEGER, d TINYINT, e SMALLINT, f BIGINT NOT NULL,"
        " g DOUBLE, h DOUBLE PRECISION, i FLOAT, j REAL, k VARCHAR, l VARCHAR(10), m STRING,"
        " n TEXT, o CHAR(3), p TIMESTAMP(3), q TIMESTAMP(3) WITHOUT TIME ZONE,"
        " r TIMESTAMP_LTZ(3), s TIMESTAMP(3) WITH LOCAL TIME ZONE, t CHAR,"
        " PRIMARY KEY (a, b) NOT ENFORCED)");
    cr_assert_eq(st->kind, STMT_CREATE_SOURCE);
    cr_assert_eq(st->obj, OBJ_TABLE);
    cr_assert_not(st->if_not_exists);
    cr_assert_str_eq(st->name, "t");
    cr_assert_null(st->options);
    TypeId want[] = {TYPE_BOOLEAN, TYPE_INT, TYPE_INT, TYPE_INT, TYPE_INT, TYPE_BIGINT,
                     TYPE_DOUBLE, TYPE_DOUBLE, TYPE_DOUBLE, TYPE_DOUBLE, TYPE_VARCHAR,
                     TYPE_VARCHAR, TYPE_VARCHAR, TYPE_VARCHAR, TYPE_VARCHAR, TYPE_TIMESTAMP,
                     TYPE_TIMESTAMP, TYPE_TIMESTAMP, TYPE_TIMESTAMP, TYPE_VARCHAR};
    cr_assert_eq(st->columns->n, 20);
    for (int i = 0; i < 20; i++)
        cr_assert_eq(st->columns->items[i]->type.id, want[i], "column %d", i);
    cr_assert_eq(st->columns->items[11]->type.len, 10);
    cr_assert_eq(st->columns->items[14]->type.len, 3);
    cr_assert_eq(st->columns->items[15]->type.len, 3);
    cr_assert_eq(st->columns->items[16]->type.len, 3);
    cr_assert_eq(st->columns->items[0]->type.line, 1);
    cr_assert_eq(st->columns->items[0]->type.col, 19);
    cr_assert_null(st->wm_column);
}

Test(parser, decimal_not_supported)
{
    fails("CREATE SOURCE s (a INT,\n  price DECIMAL(10, 2))", 2, 9, "DECIMAL is not supported yet");
    fails("SELECT CAST(x AS DECIMAL) FROM t", 1, 18, "DECIMAL is not supported yet");
}

Test(parser, with_options)
{
    AstStmt *st = one("CREATE SOURCE k (v VARCHAR) WITH ("
                      "'csv.delimiter' = ';', Properties.Bootstrap.Servers = 'h:9092',"
                      " properties.group.id = 'g', 'number-of-rows' = 10, seed = -3,"
                      " csv.header = FALSE, rate = 1.5, timestamp.format = '%Y')");
    cr_assert_eq(st->options->n, 8);
    AstNode **o = st->options->items;
    cr_assert_str_eq(o[0]->str, "csv.delimiter");
    cr_assert_str_eq(o[0]->a->str, ";");
    cr_assert_str_eq(o[1]->str, "properties.bootstrap.servers");
    cr_assert_str_eq(o[1]->a->str, "h:9092");
    cr_assert_str_eq(o[2]->str, "properties.group.id");
    cr_assert_str_eq(o[3]->str, "number-of-rows");
    cr_assert_eq(o[3]->a->kind, AST_INT);
    cr_assert_eq(o[3]->a->ival, 10);
    cr_assert_eq(o[4]->a->ival, -3);
    cr_assert_eq(o[5]->a->kind, AST_BOOL);
    cr_assert_eq(o[5]->a->ival, 0);
    cr_assert_eq(o[6]->a->kind, AST_DOUBLE);
    cr_assert_float_eq(o[6]->a->dval, 1.5, 1e-12);
    cr_assert_str_eq(o[7]->str, "timestamp.format");
    cr_assert_eq(o[0]->line, 1);
    cr_assert_eq(o[0]->col, 35);
}

Test(parser, one_watermark_only)
{
    fails("CREATE SOURCE s (a TIMESTAMP, WATERMARK FOR a AS a, WATERMARK FOR a AS a)", 1, 53,
          "only one WATERMARK is allowed per source");
}

/* ---- other statements ---- */

Test(parser, create_view_keeps_select_text)
{
    const char *q = "  CREATE VIEW IF NOT EXISTS v AS SELECT a FROM t WHERE a > 1 ;";
    AstStmt *st = one(q);
    cr_assert_eq(st->kind, STMT_CREATE_VIEW);
    cr_assert_eq(st->obj, OBJ_VIEW);
    cr_assert(st->if_not_exists);
    cr_assert_str_eq(st->name, "v");
    cr_assert_eq(st->col, 3);
    cr_assert_eq(st->text_start, 2);
    cr_assert_eq(st->text_end, (int)strlen(q) - 2);
    cr_assert_eq(st->select_start, 33);
    cr_assert_eq(st->select_end, st->text_end);
    cr_assert_eq(strncmp(q + st->select_start, "SELECT a FROM t WHERE a > 1",
                         (size_t)(st->select_end - st->select_start)), 0);
    cr_assert_eq(st->select_end - st->select_start, 27);
}

Test(parser, create_sink)
{
    AstStmt *st = one("CREATE SINK out WITH (connector = 'stdout', format = 'json') AS "
                      "SELECT * FROM t");
    cr_assert_eq(st->kind, STMT_CREATE_SINK);
    cr_assert_eq(st->obj, OBJ_SINK);
    cr_assert_str_eq(st->name, "out");
    cr_assert_eq(st->options->n, 2);
    cr_assert_str_eq(st->options->items[0]->str, "connector");
    cr_assert_str_eq(st->select->from->name, "t");
    cr_assert_eq(st->select->items->items[0]->a->kind, AST_STAR);
}

Test(parser, insert_into)
{
    const char *q = "INSERT INTO out SELECT a, b FROM src";
    AstStmt *st = one(q);
    cr_assert_eq(st->kind, STMT_INSERT);
    cr_assert_str_eq(st->name, "out");
    cr_assert_eq(st->name_col, 13);
    cr_assert_eq(st->select->items->n, 2);
    cr_assert_eq(st->select_start, 16);
    cr_assert_eq(st->select_end, (int)strlen(q));
}

Test(parser, drop_show_describe)
{
    AstScript *s = ok("DROP SOURCE a; DROP SINK IF EXISTS b; DROP VIEW c; DROP TABLE d;"
                      "SHOW SOURCES; SHOW SINKS; SHOW VIEWS; SHOW TABLES; SHOW JOBS;"
                      "DESCRIBE x; DESC y; EXPLAIN SELECT 1");
    cr_assert_eq(s->n, 12);
    ObjKind drops[] = {OBJ_SOURCE, OBJ_SINK, OBJ_VIEW, OBJ_TABLE};
    for (int i = 0; i < 4; i++) {
        cr_assert_eq(s->stmts[i]->kind, STMT_DROP);
        cr_assert_eq(s->stmts[i]->obj, drops[i]);
    }
    cr_assert_not(s->stmts[0]->if_exists);
    cr_assert(s->stmts[1]->if_exists);
    cr_assert_str_eq(s->stmts[1]->name, "b");
    ObjKind shows[] = {OBJ_SOURCE, OBJ_SINK, OBJ_VIEW, OBJ_TABLE, OBJ_JOB};
    for (int i = 0; i < 5; i++) {
        cr_assert_eq(s->stmts[4 + i]->kind, STMT_SHOW);
        cr_assert_eq(s->stmts[4 + i]->obj, shows[i]);
    }
    cr_assert_eq(s->stmts[9]->kind, STMT_DESCRIBE);
    cr_assert_str_eq(s->stmts[9]->name, "x");
    cr_assert_eq(s->stmts[10]->kind, STMT_DESCRIBE);
    cr_assert_str_eq(s->stmts[10]->name, "y");
    cr_assert_eq(s->stmts[11]->kind, STMT_EXPLAIN);
    cr_assert_not_null(s->stmts[11]->select);
    cr_assert_null(s->stmts[11]->select->from);
}

Test(parser, set_and_reset)
{
    AstScript *s = ok("SET 'checkpoint.interval' = '10s'; SET table.exec.Mini = 'it''s';"
                      " RESET; RESET 'checkpoint.interval'; SET parallelism = 4");
    cr_assert_eq(s->n, 5);
    cr_assert_eq(s->stmts[0]->kind, STMT_SET);
    cr_assert_str_eq(s->stmts[0]->key, "checkpoint.interval");
    cr_assert_str_eq(s->stmts[0]->value, "10s");
    cr_assert_str_eq(s->stmts[1]->key, "table.exec.mini");
    cr_assert_str_eq(s->stmts[1]->value, "it's");
    cr_assert_eq(s->stmts[2]->kind, STMT_RESET);
    cr_assert_null(s->stmts[2]->key);
    cr_assert_eq(s->stmts[3]->kind, STMT_RESET);
    cr_assert_str_eq(s->stmts[3]->key, "checkpoint.interval");
    cr_assert_str_eq(s->stmts[4]->value, "4");
}

Test(parser, script_statement_ranges)
{
    const char *q = ";; SELECT 1;\n\n  -- note\n  SELECT 2 ;;SELECT 3";
    AstScript *s = ok(q);
    cr_assert_eq(s->n, 3);
    cr_assert_eq(s->stmts[0]->text_start, 3);
    cr_assert_eq(s->stmts[0]->text_end, 11);
    cr_assert_eq(s->stmts[1]->line, 4);
    cr_assert_eq(s->stmts[1]->col, 3);
    cr_assert_eq(strncmp(q + s->stmts[1]->text_start, "SELECT 2 ", 9), 0);
    cr_assert_eq(s->stmts[1]->text_end - s->stmts[1]->text_start, 8);
    cr_assert_eq(s->stmts[2]->text_end, (int)strlen(q));
    cr_assert_eq(s->stmts[2]->select->items->items[0]->a->ival, 3);
    AstScript *e = ok("  -- nothing\n");
    cr_assert_eq(e->n, 0);
}

/* ---- SELECT ---- */

Test(parser, select_clauses)
{
    AstSelect *s = sel("SELECT DISTINCT a, t.b AS bb, c cc, t.*, * FROM src AS t "
                       "WHERE a > 1 GROUP BY a, t.b HAVING COUNT(*) > 2 LIMIT 10");
    cr_assert(s->distinct);
    cr_assert_eq(s->line, 1);
    cr_assert_eq(s->col, 1);
    cr_assert_eq(s->items->n, 5);
    AstNode **it = s->items->items;
    cr_assert_eq(it[0]->kind, AST_SELECT_ITEM);
    is_col(it[0]->a, NULL, "a");
    cr_assert_null(it[0]->str);
    is_col(it[1]->a, "t", "b");
    cr_assert_str_eq(it[1]->str, "bb");
    cr_assert_str_eq(it[2]->str, "cc");
    cr_assert_eq(it[3]->a->kind, AST_STAR);
    cr_assert_str_eq(it[3]->a->qual, "t");
    cr_assert_eq(it[4]->a->kind, AST_STAR);
    cr_assert_null(it[4]->a->qual);
    cr_assert_eq(s->from->kind, FROM_NAME);
    cr_assert_str_eq(s->from->name, "src");
    cr_assert_str_eq(s->from->alias, "t");
    is_bin(s->where, OP_GT);
    cr_assert_eq(s->group_by->n, 2);
    is_bin(s->having, OP_GT);
    cr_assert_eq(s->having->a->kind, AST_CALL);
    cr_assert(s->having->a->star);
    cr_assert_eq(s->limit, 10);
}

Test(parser, select_defaults_and_no_from)
{
    AstSelect *s = sel("select 1 + 2 as three");
    cr_assert_not(s->distinct);
    cr_assert_null(s->from);
    cr_assert_null(s->where);
    cr_assert_null(s->group_by);
    cr_assert_null(s->having);
    cr_assert_eq(s->limit, -1);
    cr_assert_str_eq(s->items->items[0]->str, "three");
}

Test(parser, subquery_in_from)
{
    AstSelect *s = sel("SELECT x FROM (SELECT a AS x FROM t WHERE a > 0) AS sub WHERE x < 5");
    cr_assert_eq(s->from->kind, FROM_SUBQUERY);
    cr_assert_str_eq(s->from->alias, "sub");
    cr_assert_eq(s->from->col, 15);
    cr_assert_str_eq(s->from->select->from->name, "t");
    cr_assert_not_null(s->from->select->where);
    cr_assert_not_null(s->where);
    AstSelect *s2 = sel("SELECT x FROM (SELECT 1 AS x) q");
    cr_assert_str_eq(s2->from->alias, "q");
}

/* ---- windows ---- */

Test(parser, tumble_tvf_positional)
{
    AstStmt *st = one("SELECT window_start, window_end, transaction_id, SUM(amount) AS total\n"
                      "FROM TABLE(TUMBLE(TABLE transactions, DESCRIPTOR(`timestamp`), "
                      "INTERVAL '10' SECONDS))\n"
                      "GROUP BY window_start, window_end, transaction_id\n"
                      "HAVING SUM(amount) > 8000;");
    AstFrom *f = st->select->from;
    cr_assert_eq(f->kind, FROM_WINDOW);
    cr_assert_eq(f->wkind, WIN_TUMBLE);
    cr_assert_eq(f->line, 2);
    cr_assert_eq(f->col, 6);
    cr_assert_str_eq(f->name, "transactions");
    cr_assert_not_null(f->input);
    cr_assert_eq(f->input->kind, FROM_NAME);
    cr_assert_str_eq(f->input->name, "transactions");
    cr_assert_str_eq(f->time_col, "timestamp");
    cr_assert_eq(f->time_line, 2);
    cr_assert_eq(f->time_col_col, 39);
    cr_assert_null(f->partition_by);
    cr_assert_null(f->alias);
    cr_assert_eq(f->args->n, 1);
    cr_assert_eq(f->args->items[0]->kind, AST_INTERVAL);
    cr_assert_eq(f->args->items[0]->ival, 10000);
    cr_assert_eq(st->select->group_by->n, 3);
}

Test(parser, hop_named_args_any_order)
{
    AstFrom *f = sel("SELECT * FROM TABLE(HOP(DATA => TABLE bids, TIMECOL => DESCRIPTOR(ts),"
                     " SIZE => INTERVAL '10' MINUTES, SLIDE => INTERVAL '5' MINUTE)) AS w")->from;
    cr_assert_eq(f->wkind, WIN_HOP);
    cr_assert_str_eq(f->name, "bids");
    cr_assert_str_eq(f->time_col, "ts");
    cr_assert_str_eq(f->alias, "w");
    cr_assert_eq(f->args->n, 2);
    cr_assert_eq(f->args->items[0]->ival, 5 * 60000, "slide first");
    cr_assert_eq(f->args->items[1]->ival, 10 * 60000, "then size");
    AstFrom *g = sel("SELECT * FROM TABLE(HOP(TABLE bids, DESCRIPTOR(ts), INTERVAL '5' MINUTE,"
                     " INTERVAL '10' MINUTE)) w")->from;
    cr_assert_eq(g->args->items[0]->ival, 5 * 60000);
    cr_assert_eq(g->args->items[1]->ival, 10 * 60000);
    cr_assert_str_eq(g->alias, "w");
}

Test(parser, cumulate_mixed_args)
{
    AstFrom *f = sel("SELECT * FROM TABLE(CUMULATE(TABLE t, DESCRIPTOR(ts), "
                     "size => INTERVAL '1' HOUR, step => INTERVAL '10 minutes'))")->from;
    cr_assert_eq(f->wkind, WIN_CUMULATE);
    cr_assert_eq(f->args->items[0]->ival, 600000);
    cr_assert_eq(f->args->items[1]->ival, 3600000);
}

Test(parser, session_partition_by)
{
    AstFrom *f = sel("SELECT * FROM TABLE(SESSION(TABLE t PARTITION BY k, DESCRIPTOR(ts),"
                     " INTERVAL '5' MINUTES))")->from;
    cr_assert_eq(f->wkind, WIN_SESSION);
    cr_assert_eq(f->partition_by->n, 1);
    is_col(f->partition_by->items[0], NULL, "k");
    cr_assert_eq(f->args->n, 1);
    cr_assert_eq(f->args->items[0]->ival, 300000);

    f = sel("SELECT * FROM TABLE(SESSION(TABLE t PARTITION BY k1, k2, DESCRIPTOR(ts),"
            " INTERVAL '5' MINUTES))")->from;
    cr_assert_eq(f->partition_by->n, 2);
    is_col(f->partition_by->items[1], NULL, "k2");
    cr_assert_str_eq(f->time_col, "ts");

    f = sel("SELECT * FROM TABLE(SESSION(DATA => TABLE t PARTITION BY (k1, k2),"
            " TIMECOL => DESCRIPTOR(ts), GAP => INTERVAL '30' SECOND))")->from;
    cr_assert_eq(f->partition_by->n, 2);
    cr_assert_eq(f->args->items[0]->ival, 30000);
}

Test(parser, window_tvf_errors)
{
    fails("SELECT * FROM TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts)))", 1, 21,
          "TUMBLE needs a SIZE argument");
    fails("SELECT * FROM TABLE(TUMBLE(TABLE t, ts, INTERVAL '1' SECOND))", 1, 37,
          "the time column of TUMBLE must be DESCRIPTOR(column)");
    fails("SELECT * FROM TABLE(HOP(TABLE t, DESCRIPTOR(ts), SIZE => INTERVAL '1' SECOND,"
          " WIDTH => INTERVAL '1' SECOND))", 1, 79, "HOP has no argument named width");
    fails("SELECT * FROM TABLE(TUMBLE(TABLE t PARTITION BY k, DESCRIPTOR(ts), "
          "INTERVAL '1' SECOND))", 1, 28, "PARTITION BY is only allowed in SESSION windows");
}

Test(parser, group_window_functions)
{
    AstSelect *s = sel("SELECT transaction_id, TUMBLE_START(`timestamp`, INTERVAL '10' SECOND) "
                       "AS window_start, SUM(amount) AS total\n"
                       "FROM transactions\n"
                       "GROUP BY transaction_id, TUMBLE(`timestamp`, INTERVAL '10' SECOND)\n"
                       "HAVING SUM(amount) > 8000;");
    AstNode *ts = s->items->items[1]->a;
    cr_assert_eq(ts->kind, AST_CALL);
    cr_assert_str_eq(ts->str, "TUMBLE_START");
    cr_assert_eq(ts->list->n, 2);
    is_col(ts->list->items[0], NULL, "timestamp");
    cr_assert_eq(ts->list->items[1]->ival, 10000);
    AstNode *g = s->group_by->items[1];
    cr_assert_eq(g->kind, AST_CALL);
    cr_assert_str_eq(g->str, "TUMBLE");
    cr_assert_eq(g->line, 3);
    cr_assert_eq(g->col, 26);
    AstSelect *h = sel("SELECT hop_end(ts, INTERVAL '1' MINUTE, INTERVAL '5' MINUTE), "
                       "session_rowtime(ts, INTERVAL '1' MINUTE) FROM t "
                       "GROUP BY HOP(ts, INTERVAL '1' MINUTE, INTERVAL '5' MINUTE), "
                       "session(ts, INTERVAL '1' minute)");
    cr_assert_str_eq(h->items->items[0]->a->str, "HOP_END");
    cr_assert_str_eq(h->items->items[1]->a->str, "SESSION_ROWTIME");
    cr_assert_str_eq(h->group_by->items[0]->str, "HOP");
    cr_assert_eq(h->group_by->items[0]->list->n, 3);
    cr_assert_str_eq(h->group_by->items[1]->str, "SESSION");
}

/* ---- literals ---- */

Test(parser, literals)
{
    AstSelect *s = sel("SELECT 42, 8000.5, 1e3, 'it''s', '', TRUE, false, NULL, "
                       "9223372036854775807");
    AstNode **it = s->items->items;
    cr_assert_eq(it[0]->a->kind, AST_INT);
    cr_assert_eq(it[0]->a->ival, 42);
    cr_assert_eq(it[1]->a->kind, AST_DOUBLE);
    cr_assert_float_eq(it[1]->a->dval, 8000.5, 1e-9);
    cr_assert_eq(it[2]->a->kind, AST_DOUBLE);
    cr_assert_float_eq(it[2]->a->dval, 1000.0, 1e-9);
    cr_assert_eq(it[3]->a->kind, AST_STRING);
    cr_assert_str_eq(it[3]->a->str, "it's");
    cr_assert_eq(it[3]->a->ival, 4);
    cr_assert_str_eq(it[4]->a->str, "");
    cr_assert_eq(it[4]->a->ival, 0);
    cr_assert_eq(it[5]->a->kind, AST_BOOL);
    cr_assert_eq(it[5]->a->ival, 1);
    cr_assert_eq(it[6]->a->ival, 0);
    cr_assert_eq(it[7]->a->kind, AST_NULL);
    cr_assert_eq(it[8]->a->ival, INT64_MAX);
    fails("SELECT 1,\n 99999999999999999999", 2, 2,
          "integer literal 99999999999999999999 is too large for BIGINT");
    /* 2^63 fits only negated: the parser keeps it pending (negated set), a
     * unary minus turns it into INT64_MIN, the compiler refuses it alone */
    AstNode *n = expr("SELECT 9223372036854775808");
    cr_assert_eq(n->kind, AST_INT);
    cr_assert(n->negated);
    n = expr("SELECT -9223372036854775808");
    cr_assert_eq(n->kind, AST_INT);
    cr_assert_not(n->negated);
    cr_assert_eq(n->ival, INT64_MIN);
    cr_assert_eq(n->col, 8);
    n = expr("SELECT -(9223372036854775808)");
    cr_assert_eq(n->kind, AST_INT);
    cr_assert_eq(n->ival, INT64_MIN);
    n = expr("SELECT 1 - 9223372036854775808");
    cr_assert_eq(n->kind, AST_BINARY);
    cr_assert(n->b->negated);
}

Test(parser, timestamp_literal)
{
    AstNode *n = expr("SELECT TIMESTAMP '2024-05-11 10:00:00.250'");
    cr_assert_eq(n->kind, AST_TIMESTAMP);
    cr_assert_eq(n->ival, 1715421600250LL);
    n = expr("SELECT timestamp '1970-01-01 00:00:01'");
    cr_assert_eq(n->ival, 1000);
    fails("SELECT a,\n  TIMESTAMP '2024-13-45 99:00:00' FROM t", 2, 3,
          "invalid TIMESTAMP literal '2024-13-45 99:00:00': expected 'YYYY-MM-DD HH:MM:SS[.fff]'");
}

Test(parser, intervals_in_ms)
{
    cr_assert_eq(interval_ms("INTERVAL '10' SECOND"), 10000);
    cr_assert_eq(interval_ms("INTERVAL '10' SECONDS"), 10000);
    cr_assert_eq(interval_ms("INTERVAL '500' MILLISECOND"), 500);
    cr_assert_eq(interval_ms("INTERVAL '2' MILLISECONDS"), 2);
    cr_assert_eq(interval_ms("INTERVAL '3' MINUTE"), 180000);
    cr_assert_eq(interval_ms("INTERVAL '3' minutes"), 180000);
    cr_assert_eq(interval_ms("INTERVAL '2' HOUR"), 7200000);
    cr_assert_eq(interval_ms("INTERVAL '1' DAY"), 86400000);
    cr_assert_eq(interval_ms("INTERVAL '2' DAYS"), 172800000);
    cr_assert_eq(interval_ms("INTERVAL '1.5' SECOND"), 1500);
    cr_assert_eq(interval_ms("INTERVAL '-2' SECOND"), -2000);
    cr_assert_eq(interval_ms("INTERVAL '10 seconds'"), 10000);
    cr_assert_eq(interval_ms("INTERVAL '1 hour'"), 3600000);
    cr_assert_eq(interval_ms("INTERVAL '500 milliseconds'"), 500);
    cr_assert_eq(interval_ms("INTERVAL '5 MINUTES'"), 300000);
    cr_assert_eq(interval_ms("INTERVAL ' 2 days '"), 172800000);
    cr_assert_eq(interval_ms("INTERVAL '1 second'"), 1000);
}

Test(parser, bad_intervals)
{
    fails("SELECT INTERVAL 'ten' SECOND", 1, 8,
          "invalid INTERVAL literal 'ten': expected a number");
    fails("SELECT 1, INTERVAL '10'", 1, 11,
          "INTERVAL '10' needs a unit, e.g. INTERVAL '10' SECOND");
    fails("SELECT INTERVAL '10 fortnights'", 1, 8,
          "invalid INTERVAL literal '10 fortnights': unknown unit 'fortnights'");
    fails("SELECT INTERVAL '10 s' SECOND", 1, 8,
          "invalid INTERVAL literal '10 s': expected only a number before the unit");
    fails("SELECT INTERVAL '1' MONTH", 1, 8,
          "INTERVAL in months, quarters or years is not supported; use days");
}

/* ---- expressions ---- */

Test(parser, precedence)
{
    AstNode *n = expr("SELECT a OR b AND c");
    is_bin(n, OP_OR);
    is_col(n->a, NULL, "a");
    is_bin(n->b, OP_AND);

    n = expr("SELECT NOT a = b");
    cr_assert_eq(n->kind, AST_UNARY);
    cr_assert_eq(n->op, OP_NOT);
    is_bin(n->a, OP_EQ);

    n = expr("SELECT -a * b");
    is_bin(n, OP_MUL);
    cr_assert_eq(n->a->kind, AST_UNARY);
    cr_assert_eq(n->a->op, OP_NEG);
    is_col(n->a->a, NULL, "a");

    n = expr("SELECT a + b * c - d");
    is_bin(n, OP_SUB);
    is_bin(n->a, OP_ADD);
    is_bin(n->a->b, OP_MUL);

    n = expr("SELECT a || b = c AND d <> e OR f % 2 >= +g");
    is_bin(n, OP_OR);
    is_bin(n->a, OP_AND);
    is_bin(n->a->a, OP_EQ);
    is_bin(n->a->a->a, OP_CONCAT);
    is_bin(n->a->b, OP_NE);
    is_bin(n->b, OP_GE);
    is_bin(n->b->a, OP_MOD);
    cr_assert_eq(n->b->b->op, OP_PLUS);

    n = expr("SELECT (a OR b) AND c");
    is_bin(n, OP_AND);
    is_bin(n->a, OP_OR);

    n = expr("SELECT a / b != c");
    is_bin(n, OP_NE);
    is_bin(n->a, OP_DIV);
    n = expr("SELECT a <= b");
    is_bin(n, OP_LE);
    n = expr("SELECT a < b");
    is_bin(n, OP_LT);
}

Test(parser, predicates)
{
    AstNode *n = expr("SELECT a IS NULL");
    cr_assert_eq(n->kind, AST_IS_NULL);
    cr_assert_not(n->negated);
    n = expr("SELECT a + 1 IS NOT NULL");
    cr_assert_eq(n->kind, AST_IS_NULL);
    cr_assert(n->negated);
    is_bin(n->a, OP_ADD);
    n = expr("SELECT a IS NOT TRUE");
    cr_assert_eq(n->kind, AST_IS_BOOL);
    cr_assert_eq(n->ival, 1);
    cr_assert(n->negated);
    n = expr("SELECT a IS FALSE");
    cr_assert_eq(n->ival, 0);
    cr_assert_not(n->negated);

    n = expr("SELECT a BETWEEN 1 AND 2 AND b");
    is_bin(n, OP_AND);
    cr_assert_eq(n->a->kind, AST_BETWEEN);
    cr_assert_eq(n->a->b->ival, 1);
    cr_assert_eq(n->a->c->ival, 2);
    n = expr("SELECT a NOT BETWEEN b - 1 AND b + 1");
    cr_assert_eq(n->kind, AST_BETWEEN);
    cr_assert(n->negated);
    is_bin(n->b, OP_SUB);
    is_bin(n->c, OP_ADD);

    n = expr("SELECT a IN (1, 2, 3)");
    cr_assert_eq(n->kind, AST_IN);
    cr_assert_eq(n->list->n, 3);
    cr_assert_not(n->negated);
    n = expr("SELECT a NOT IN ('x')");
    cr_assert(n->negated);

    n = expr("SELECT name LIKE 'a%'");
    cr_assert_eq(n->kind, AST_LIKE);
    cr_assert_null(n->c);
    n = expr("SELECT name NOT LIKE 'a!%%' ESCAPE '!'");
    cr_assert(n->negated);
    cr_assert_str_eq(n->c->str, "!");

    n = expr("SELECT NOT a LIKE b");
    cr_assert_eq(n->kind, AST_UNARY);
    cr_assert_eq(n->a->kind, AST_LIKE);
}

Test(parser, calls_and_special_forms)
{
    AstSelect *s = sel("SELECT count(*), Count(DISTINCT x), sum(a), coalesce(a, b, 0), "
                       "proctime(), CAST(a AS VARCHAR), lower(`Name`) FROM t");
    AstNode **it = s->items->items;
    cr_assert_str_eq(it[0]->a->str, "COUNT");
    cr_assert(it[0]->a->star);
    cr_assert_eq(it[0]->a->list->n, 0);
    cr_assert_str_eq(it[1]->a->str, "COUNT");
    cr_assert(it[1]->a->distinct);
    cr_assert_eq(it[1]->a->list->n, 1);
    cr_assert_str_eq(it[2]->a->str, "SUM");
    cr_assert_not(it[2]->a->distinct);
    cr_assert_str_eq(it[3]->a->str, "COALESCE");
    cr_assert_eq(it[3]->a->list->n, 3);
    cr_assert_str_eq(it[4]->a->str, "PROCTIME");
    cr_assert_eq(it[5]->a->kind, AST_CAST);
    cr_assert_eq(it[5]->a->type.id, TYPE_VARCHAR);
    is_col(it[6]->a->list->items[0], NULL, "Name");
    cr_assert(it[6]->a->list->items[0]->quoted);

    AstNode *n = expr("SELECT CASE WHEN a > 1 THEN 'big' WHEN a > 0 THEN 'small' ELSE 'none' END");
    cr_assert_eq(n->kind, AST_CASE);
    cr_assert_null(n->a);
    cr_assert_eq(n->list->n, 4);
    cr_assert_str_eq(n->list->items[1]->str, "big");
    cr_assert_str_eq(n->c->str, "none");
    n = expr("SELECT CASE x WHEN 1 THEN 'one' END");
    is_col(n->a, NULL, "x");
    cr_assert_eq(n->list->n, 2);
    cr_assert_null(n->c);

    n = expr("SELECT EXTRACT(HOUR FROM ts)");
    cr_assert_eq(n->kind, AST_EXTRACT);
    cr_assert_eq(n->ival, UNIT_HOUR);
    is_col(n->a, NULL, "ts");
    cr_assert_eq(expr("SELECT EXTRACT(dow FROM ts)")->ival, UNIT_DOW);
    cr_assert_eq(expr("SELECT EXTRACT(EPOCH FROM ts)")->ival, UNIT_EPOCH);
    cr_assert_eq(expr("SELECT EXTRACT(YEAR FROM ts)")->ival, UNIT_YEAR);

    n = expr("SELECT FLOOR(ts TO MINUTE)");
    cr_assert_eq(n->kind, AST_FLOOR_TO);
    cr_assert_eq(n->ival, UNIT_MINUTE);
    n = expr("SELECT CEIL(ts TO DAY)");
    cr_assert_eq(n->kind, AST_CEIL_TO);
    cr_assert_eq(n->ival, UNIT_DAY);
    n = expr("SELECT floor(x)");
    cr_assert_eq(n->kind, AST_CALL);
    cr_assert_str_eq(n->str, "FLOOR");
    cr_assert_eq(n->list->n, 1);
    cr_assert_str_eq(expr("SELECT ceil(x)")->str, "CEIL");

    n = expr("SELECT SUBSTRING(s FROM 2 FOR 3)");
    cr_assert_eq(n->kind, AST_CALL);
    cr_assert_str_eq(n->str, "SUBSTRING");
    cr_assert_eq(n->list->n, 3);
    cr_assert_eq(n->list->items[2]->ival, 3);
    cr_assert_eq(expr("SELECT SUBSTRING(s FROM 2)")->list->n, 2);
    cr_assert_eq(expr("SELECT substring(s, 2, 3)")->list->n, 3);

    n = expr("SELECT TRIM(s)");
    cr_assert_str_eq(n->str, "TRIM");
    cr_assert_eq(n->list->n, 1);
    cr_assert_eq(n->ival, 0);
    n = expr("SELECT TRIM(LEADING 'x' FROM s)");
    cr_assert_eq(n->ival, 1);
    cr_assert_eq(n->list->n, 2);
    is_col(n->list->items[0], NULL, "s");
    cr_assert_str_eq(n->list->items[1]->str, "x");
    n = expr("SELECT TRIM(TRAILING FROM s)");
    cr_assert_eq(n->ival, 2);
    cr_assert_eq(n->list->n, 1);
    n = expr("SELECT TRIM(BOTH ' ' FROM s)");
    cr_assert_eq(n->ival, 0);
    cr_assert_eq(n->list->n, 2);
    n = expr("SELECT TRIM('y' FROM s)");
    cr_assert_eq(n->list->n, 2);

    n = expr("SELECT DESCRIPTOR(ts)");
    cr_assert_eq(n->kind, AST_DESCRIPTOR);
    cr_assert_str_eq(n->str, "ts");
}

Test(parser, keywords_as_names)
{
    AstSelect *s = sel("SELECT key, value, window, count, source, size, data, format, path, "
                       "topic, year, hour, session, tumble, first, last, t.timestamp, "
                       "timestamp, `select` FROM t");
    const char *names[] = {"key", "value", "window", "count", "source", "size", "data",
                           "format", "path", "topic", "year", "hour", "session", "tumble",
                           "first", "last", "timestamp", "timestamp", "select"};
    cr_assert_eq(s->items->n, 19);
    for (int i = 0; i < 19; i++)
        is_col(s->items->items[i]->a, i == 16 ? "t" : NULL, names[i]);
    AstStmt *st = one("CREATE SOURCE sessions (key VARCHAR, value BIGINT, timestamp TIMESTAMP(3),"
                      " window INT, WATERMARK FOR timestamp AS timestamp)");
    cr_assert_str_eq(st->name, "sessions");
    cr_assert_str_eq(st->columns->items[0]->str, "key");
    cr_assert_str_eq(st->columns->items[2]->str, "timestamp");
    cr_assert_str_eq(st->wm_column, "timestamp");
    is_col(st->wm_expr, NULL, "timestamp");
    AstSelect *a = sel("SELECT count(*) count FROM source AS window");
    cr_assert_str_eq(a->items->items[0]->str, "count");
    cr_assert_str_eq(a->from->name, "source");
    cr_assert_str_eq(a->from->alias, "window");
}

Test(parser, identifiers_fold_unless_quoted)
{
    AstSelect *s = sel("SELECT MyCol, \"MyCol\", `My``Col` AS \"Out\" FROM MyTable");
    AstNode **it = s->items->items;
    is_col(it[0]->a, NULL, "mycol");
    cr_assert_not(it[0]->a->quoted);
    is_col(it[1]->a, NULL, "MyCol");
    cr_assert(it[1]->a->quoted);
    is_col(it[2]->a, NULL, "My`Col");
    cr_assert_str_eq(it[2]->str, "Out");
    cr_assert_str_eq(s->from->name, "mytable");
}

Test(parser, node_positions)
{
    AstSelect *s = sel("SELECT\n  a + b,\n    f(x)\nFROM t");
    AstNode *n = s->items->items[0]->a;
    cr_assert_eq(n->line, 2);
    cr_assert_eq(n->col, 3);
    cr_assert_eq(n->b->line, 2);
    cr_assert_eq(n->b->col, 7);
    n = s->items->items[1]->a;
    cr_assert_eq(n->line, 3);
    cr_assert_eq(n->col, 5);
    cr_assert_eq(n->list->items[0]->col, 7);
    cr_assert_eq(s->from->line, 4);
    cr_assert_eq(s->from->col, 6);
}

/* ---- syntax errors ---- */

Test(parser, syntax_error_expected_list)
{
    fails("SELECT a AS x FORM t", 1, 15,
          "syntax error at \"FORM\": expected one of FROM, WHERE, GROUP, HAVING, LIMIT, EMIT, \",\", \";\"");
    fails("SELECT a FROM t WHERE a = 1 GROUP a", 1, 35, "syntax error at \"a\": expected BY");
    fails("CREATE SOURCE s (a INT) WITH (x = 1", 1, 36,
          "syntax error at end of input: expected one of \",\", \")\"");
    fails("SELECT a FROM t;\nSELECT b,\n  FROM t", 3, 3,
          "syntax error at \"FROM\": expected one of NOT, NULL, TRUE, FALSE, INTERVAL, CAST, "
          "CASE, EXTRACT, identifier, integer, number, string, ...");
    fails("DROP SOURCE", 1, 12, "syntax error at end of input: expected one of identifier, IF");
    fails("SHOW things", 1, 6,
          "syntax error at \"things\": expected one of CREATE, SOURCES, TABLES, VIEWS, SINKS, JOBS");
    fails("SELECT a FROM t LIMIT 'x'", 1, 23, "syntax error at \"'x'\": expected integer");
    fails("SELECT (a", 1, 10, "syntax error at end of input: expected one of NOT, OR, AND, IS, "
          "LIKE, BETWEEN, IN, \"(\", \")\", \".\", \"*\", \"+\", ...");
    fails("GRANT ALL", 1, 1,
          "syntax error at \"GRANT\": expected one of SELECT, CREATE, DROP, INSERT, SHOW, "
          "DESCRIBE, DESC, EXPLAIN, SET, RESET, \";\"");
}

Test(parser, lexical_errors_through_parser)
{
    fails("SELECT a FROM t\nWHERE s = 'abc", 2, 11, "unterminated string literal");
    fails("SELECT a ? b", 1, 10, "illegal character '?'");
    const char q[] = "SELECT 1\0";
    AstScript *s = (AstScript *)1;
    int rc = parse_script(&arena, q, sizeof q - 1, &s, &err);
    cr_assert_eq(rc, WEIR_ERROR);
    cr_assert_null(s);
    cr_assert_str_eq(err.msg, "NUL byte in input");
    cr_assert_eq(err.col, 9);
}

Test(parser, syntax_error_in_earlier_statement_wins)
{
    fails("SELECT FROM t; SELECT 'x", 1, 8,
          "syntax error at \"FROM\": expected one of DISTINCT, ALL, NOT, NULL, TRUE, FALSE, "
          "INTERVAL, CAST, CASE, EXTRACT, identifier, integer, ...");
}

Test(parser, deep_nesting_is_an_error_not_a_crash)
{
    static char q[20000];
    strcpy(q, "SELECT ");
    size_t n = strlen(q);
    for (int i = 0; i < 5000; i++)
        q[n++] = '(';
    q[n++] = '1';
    for (int i = 0; i < 5000; i++)
        q[n++] = ')';
    q[n] = 0;
    AstScript *s;
    int rc = parse_script(&arena, q, n, &s, &err);
    cr_assert_eq(rc, WEIR_ERROR);
    cr_assert_str_eq(err.msg, "statement is nested too deeply");
}

/* ---- the scenario from the dialect contract ---- */

Test(parser, dialect_scenario_script)
{
    char q[4096];
    snprintf(q, sizeof q, "%s\n"
             "SELECT transaction_id, TUMBLE_START(`timestamp`, INTERVAL '10' SECOND) AS window_start,\n"
             "       SUM(amount) AS total\n"
             "FROM transactions\n"
             "GROUP BY transaction_id, TUMBLE(`timestamp`, INTERVAL '10' SECOND)\n"
             "HAVING SUM(amount) > 8000;\n"
             "-- window table functions (Flink 1.13+ form)\n"
             "SELECT window_start, window_end, transaction_id, SUM(amount) AS total\n"
             "FROM TABLE(TUMBLE(TABLE transactions, DESCRIPTOR(`timestamp`), INTERVAL '10' SECONDS))\n"
             "GROUP BY window_start, window_end, transaction_id\n"
             "HAVING SUM(amount) > 8000;\n"
             "CREATE TABLE out (transaction_id VARCHAR, total DOUBLE) WITH (connector = 'file',"
             " path = 'out.csv', format = 'csv');\n"
             "INSERT INTO out SELECT transaction_id, amount FROM transactions WHERE amount > 100;\n"
             "CREATE SINK big WITH (connector = 'blackhole') AS SELECT * FROM transactions;\n"
             "CREATE VIEW v AS SELECT * FROM TABLE(HOP(TABLE transactions, DESCRIPTOR(pt),"
             " INTERVAL '5' SECOND, INTERVAL '10' SECOND));\n"
             "SET 'checkpoint.interval' = '10s'\n",
             dialect_source);
    AstScript *s = ok(q);
    cr_assert_eq(s->n, 8);
    AstStmtKind want[] = {STMT_CREATE_SOURCE, STMT_SELECT, STMT_SELECT, STMT_CREATE_SOURCE,
                          STMT_INSERT, STMT_CREATE_SINK, STMT_CREATE_VIEW, STMT_SET};
    for (int i = 0; i < 8; i++)
        cr_assert_eq(s->stmts[i]->kind, want[i], "statement %d", i);
    cr_assert_eq(s->stmts[1]->line, 11);
    cr_assert_eq(s->stmts[2]->select->from->kind, FROM_WINDOW);
    cr_assert_eq(s->stmts[3]->obj, OBJ_TABLE);
    cr_assert_eq(s->stmts[6]->select->from->wkind, WIN_HOP);
    AstStmt *v = s->stmts[6];
    cr_assert_eq(strncmp(q + v->select_start, "SELECT * FROM TABLE(HOP(", 24), 0);
    cr_assert_eq(q[v->select_end - 1], ')');
    cr_assert_eq(q[v->select_end], ';');
}

/* parse_script_prefix: the statements that ended before an error are handed
 * out with the error; parse_script hands out nothing. */
Test(parser, prefix_before_a_syntax_error)
{
    const char *q = "SHOW SOURCES;\nSHOW VIEWS; SELECT a FROM t WHERE;\nSHOW SINKS;";
    AstScript *sc = NULL;
    cr_assert_eq(parse_script(&arena, q, strlen(q), &sc, &err), WEIR_ERROR);
    cr_assert_null(sc);
    cr_assert_eq(parse_script_prefix(&arena, q, strlen(q), &sc, &err), WEIR_ERROR);
    cr_assert_not_null(sc);
    cr_assert_eq(sc->n, 2, "the two statements before the error, got %d", sc->n);
    cr_assert_eq(sc->stmts[0]->obj, OBJ_SOURCE);
    cr_assert_eq(sc->stmts[1]->obj, OBJ_VIEW);
    cr_assert_eq(err.line, 2);
    cr_assert_eq(err.col, 34);
    cr_assert(strstr(err.msg, "syntax error at \";\""), "%s", err.msg);

    /* an error in the first statement: an empty prefix */
    const char *q2 = "SELEC 1; SHOW SOURCES;";
    cr_assert_eq(parse_script_prefix(&arena, q2, strlen(q2), &sc, &err), WEIR_ERROR);
    cr_assert_not_null(sc);
    cr_assert_eq(sc->n, 0);

    /* a lexical error (an unterminated string) after one statement */
    const char *q3 = "SHOW SOURCES; SELECT 'abc FROM t;";
    cr_assert_eq(parse_script_prefix(&arena, q3, strlen(q3), &sc, &err), WEIR_ERROR);
    cr_assert_not_null(sc);
    cr_assert_eq(sc->n, 1);

    /* no error: the whole script, WEIR_OK */
    const char *q4 = "SHOW SOURCES; SHOW VIEWS";
    cr_assert_eq(parse_script_prefix(&arena, q4, strlen(q4), &sc, &err), WEIR_OK);
    cr_assert_eq(sc->n, 2);
}

/* EMIT ON WINDOW CLOSE: kept with its position; the phase-2 forms fail at EMIT;
 * EMIT is reserved, the other words of the clause are not. */
Test(parser, emit_clause)
{
    AstStmt *s = one("SELECT k, COUNT(*) FROM t GROUP BY k, TUMBLE(ts, INTERVAL '1' SECOND)\n"
                     "  HAVING COUNT(*) > 1 EMIT ON WINDOW CLOSE LIMIT 3");
    cr_assert_eq(s->select->emit_line, 2);
    cr_assert_eq(s->select->emit_col, 23);
    cr_assert_eq(s->select->limit, 3);
    s = one("SELECT k FROM t");
    cr_assert_eq(s->select->emit_line, 0);
    s = one("SELECT window, rows, close, delay, every, after, on FROM t");
    cr_assert_eq(s->select->items->n, 7);
    fails("SELECT k FROM t GROUP BY k EMIT EVERY 5 ROWS", 1, 28,
          "EMIT EVERY n ROWS is not supported yet: a window emits once, when it closes (EMIT ON WINDOW CLOSE)");
    fails("SELECT k FROM t GROUP BY k EMIT AFTER DELAY INTERVAL '1' SECOND", 1, 28,
          "EMIT AFTER DELAY is not supported yet: a window emits once, when it closes (EMIT ON WINDOW CLOSE)");
    fails("SELECT k AS emit FROM t", 1, 13, "syntax error at \"emit\": expected identifier");
}
