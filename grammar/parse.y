/*
 * parse.y - lemon grammar of weir's SQL dialect (see shared/spec/dialect.md).
 *
 * Tokens come from grammar/lexer.re; parse_driver.c feeds them one by one with
 * a ParseCtx as extra context.  Actions build the AST of grammar/ast.h through
 * the helpers of ast_build.h (all memory in ctx->arena).  A finished statement
 * is handed to parse_stmt_done(), which appends it to the script.
 *
 * Keywords listed under %fallback stay usable as names (`key`, `window`,
 * `count`, ...) wherever the grammar has no rule for the keyword itself.
 * The order of the %token list below is the order in which "expected one of"
 * lists keywords.
 */

%name parse_lemon
%token_prefix TK_
%token_type {Token}
%default_type {AstNode*}
%extra_context {ParseCtx *ctx}
%stack_size 2000

%include {
#include <assert.h>
#include <string.h>
#include "ast_build.h"
}

%syntax_error {
    (void)yymajor;
    ctx->syntax_error = true;
}
%stack_overflow {
    ctx->overflow = true;
}

/* Display order for error messages: clause keywords first. */
%token FROM WHERE GROUP HAVING LIMIT AS BY SELECT DISTINCT ALL
       CREATE DROP INSERT INTO WITH IF NOT EXISTS
       SOURCE TABLE VIEW SINK SOURCES TABLES VIEWS SINKS JOBS
       SHOW DESCRIBE DESC EXPLAIN SET RESET
       WATERMARK FOR PRIMARY KEY ENFORCED
       EMIT ON WINDOW CLOSE AFTER DELAY EVERY ROWS.
%token ID ICONST FCONST SCONST.
%token COMMA SEMI LP RP DOT STAR PLUS MINUS SLASH PERCENT CONCAT
       EQ NE LT LE GT GE ARROW.

%fallback ID
  SOURCE TABLE VIEW SINK SOURCES TABLES VIEWS SINKS JOBS
  IF EXISTS SHOW DESCRIBE DESC EXPLAIN SET RESET
  WATERMARK FOR PRIMARY KEY ENFORCED
  ON WINDOW CLOSE AFTER DELAY EVERY ROWS
  BOOLEAN INT INTEGER TINYINT SMALLINT BIGINT DOUBLE PRECISION FLOAT REAL
  VARCHAR STRING TEXT CHAR TIMESTAMP TIMESTAMP_LTZ TIME ZONE LOCAL WITHOUT
  DECIMAL NUMERIC
  TUMBLE HOP CUMULATE SESSION DESCRIPTOR PARTITION
  MILLISECOND MILLISECONDS SECOND SECONDS MINUTE MINUTES HOUR HOURS DAY DAYS
  WEEK WEEKS MONTH MONTHS QUARTER QUARTERS YEAR YEARS DOW DOY EPOCH
  FLOOR CEIL CEILING SUBSTRING TRIM BOTH LEADING TRAILING TO.

%left OR.
%left AND.
%right NOT.
%left IS LIKE BETWEEN IN EQ NE LT LE GT GE.
%right ESCAPE.
%left PLUS MINUS CONCAT.
%left STAR SLASH PERCENT.
%right UMINUS.

/* ---------------- script ---------------- */

input ::= cmdlist.
cmdlist ::= cmdlist ecmd.
cmdlist ::= .
ecmd ::= SEMI.
ecmd ::= cmdx SEMI.
cmdx ::= cmd(C). { parse_stmt_done(ctx, C); }

%type cmd {AstStmt*}

/* ---------------- names ---------------- */

%type nm {AstName}
nm(A) ::= ID(X). { A = ast_name(ctx, X); }

%type as {AstName}
as(A) ::= AS nm(N). { A = N; }
as(A) ::= nm(N). { A = N; }
as(A) ::= . { memset(&A, 0, sizeof A); }

/* A dotted option or SET key: properties.bootstrap.servers (lower-cased). */
%type dotted {AstName}
dotted(A) ::= nm(N). { A = N; A.s = ast_lower(ctx, N.s); }
dotted(A) ::= dotted(D) DOT nm(N). {
    A = D;
    char *s = arena_printf(ctx->arena, "%s.%s", D.s, N.s);
    if (s)
        A.s = ast_lower(ctx, s);
    else
        ctx->nomem = true;
}

/* ---------------- CREATE SOURCE / TABLE ---------------- */

%type srckind {int}
srckind(A) ::= SOURCE. { A = OBJ_SOURCE; }
srckind(A) ::= TABLE. { A = OBJ_TABLE; }

%type ifnotexists {int}
ifnotexists(A) ::= . { A = 0; }
ifnotexists(A) ::= IF NOT EXISTS. { A = 1; }

%type ifexists {int}
ifexists(A) ::= . { A = 0; }
ifexists(A) ::= IF EXISTS. { A = 1; }

cmd(A) ::= CREATE srckind(K) ifnotexists(E) nm(N) LP coldefs RP withopts(W). {
    A = ast_stmt(ctx, STMT_CREATE_SOURCE);
    A->obj = K; A->if_not_exists = E;
    A->name = N.s; A->name_line = N.line; A->name_col = N.col;
    A->columns = ctx->cols ? ctx->cols : ast_list_new(ctx);
    A->wm_column = ctx->wm_column; A->wm_expr = ctx->wm_expr;
    A->wm_line = ctx->wm_line; A->wm_col = ctx->wm_col;
    A->options = W;
    ctx->cols = NULL; ctx->wm_column = NULL; ctx->wm_expr = NULL;
    ctx->wm_line = ctx->wm_col = 0;
}

coldefs ::= coldef.
coldefs ::= coldefs COMMA coldef.

coldef ::= nm(N) type(T) notnull. {
    AstNode *c = ast_new(ctx, AST_COLUMN_DEF, N.line, N.col);
    c->str = N.s; c->quoted = N.quoted; c->type = T;
    ctx->cols = ast_list_push(ctx, ctx->cols, c);
}
coldef ::= nm(N) AS expr(E). {
    AstNode *c = ast_new(ctx, AST_COLUMN_DEF, N.line, N.col);
    c->str = N.s; c->quoted = N.quoted; c->type.id = TYPE_NULL; c->a = E;
    ctx->cols = ast_list_push(ctx, ctx->cols, c);
}
coldef ::= WATERMARK(W) FOR nm(N) AS expr(E). {
    if (ctx->wm_column)
        parse_fail(ctx, W.line, W.col, "only one WATERMARK is allowed per source");
    ctx->wm_column = N.s; ctx->wm_expr = E;
    ctx->wm_line = W.line; ctx->wm_col = W.col;
}
coldef ::= PRIMARY KEY LP namelist RP NOT ENFORCED.

namelist ::= nm.
namelist ::= namelist COMMA nm.

notnull ::= .
notnull ::= NOT NULL.
notnull ::= NULL.

/* ---------------- types ---------------- */

%type type {AstType}
type(A) ::= BOOLEAN(T).  { A = ast_type(TYPE_BOOLEAN, 0, T); }
type(A) ::= INT(T).      { A = ast_type(TYPE_INT, 0, T); }
type(A) ::= INTEGER(T).  { A = ast_type(TYPE_INT, 0, T); }
type(A) ::= TINYINT(T).  { A = ast_type(TYPE_INT, 0, T); }
type(A) ::= SMALLINT(T). { A = ast_type(TYPE_INT, 0, T); }
type(A) ::= BIGINT(T).   { A = ast_type(TYPE_BIGINT, 0, T); }
type(A) ::= DOUBLE(T).   { A = ast_type(TYPE_DOUBLE, 0, T); }
type(A) ::= DOUBLE(T) PRECISION. { A = ast_type(TYPE_DOUBLE, 0, T); }
type(A) ::= FLOAT(T).    { A = ast_type(TYPE_DOUBLE, 0, T); }
type(A) ::= REAL(T).     { A = ast_type(TYPE_DOUBLE, 0, T); }
type(A) ::= VARCHAR(T).  { A = ast_type(TYPE_VARCHAR, 0, T); }
type(A) ::= VARCHAR(T) LP ICONST(N) RP. { A = ast_type(TYPE_VARCHAR, (int)ast_int_value(ctx, N), T); }
type(A) ::= STRING(T).   { A = ast_type(TYPE_VARCHAR, 0, T); }
type(A) ::= TEXT(T).     { A = ast_type(TYPE_VARCHAR, 0, T); }
type(A) ::= CHAR(T).     { A = ast_type(TYPE_VARCHAR, 0, T); }
type(A) ::= CHAR(T) LP ICONST(N) RP. { A = ast_type(TYPE_VARCHAR, (int)ast_int_value(ctx, N), T); }
type(A) ::= TIMESTAMP(T) tsprec(P) tzspec. { A = ast_type(TYPE_TIMESTAMP, P, T); }
type(A) ::= TIMESTAMP_LTZ(T) tsprec(P). { A = ast_type(TYPE_TIMESTAMP, P, T); }
type(A) ::= DECIMAL(T) decargs. {
    A = ast_type(TYPE_DOUBLE, 0, T);
    parse_fail(ctx, T.line, T.col, "DECIMAL is not supported yet");
}
type(A) ::= NUMERIC(T) decargs. {
    A = ast_type(TYPE_DOUBLE, 0, T);
    parse_fail(ctx, T.line, T.col, "NUMERIC is not supported yet");
}

%type tsprec {int}
tsprec(A) ::= . { A = 0; }
tsprec(A) ::= LP ICONST(N) RP. {
    int64_t p = ast_int_value(ctx, N);
    if (p < 0 || p > 9) parse_fail(ctx, N.line, N.col, "TIMESTAMP precision must be between 0 and 9");
    A = (int)p;
}
tzspec ::= .
tzspec ::= WITHOUT TIME ZONE.
tzspec ::= WITH LOCAL TIME ZONE.

decargs ::= .
decargs ::= LP ICONST RP.
decargs ::= LP ICONST COMMA ICONST RP.

/* ---------------- WITH options ---------------- */

%type withopts {AstList*}
withopts(A) ::= . { A = NULL; }
withopts(A) ::= WITH LP options(L) RP. { A = L; }

%type options {AstList*}
options(A) ::= option(X). { A = ast_list_push(ctx, NULL, X); }
options(A) ::= options(L) COMMA option(X). { A = ast_list_push(ctx, L, X); }

option(A) ::= optkey(K) EQ optval(V). {
    A = ast_new(ctx, AST_OPTION, K.line, K.col);
    A->str = K.s; A->a = V;
}

%type optkey {AstName}
optkey(A) ::= SCONST(S). {
    int n;
    A.s = ast_unquote_string(ctx, S, &n); A.line = S.line; A.col = S.col; A.quoted = true;
}
optkey(A) ::= dotted(D). { A = D; }

optval(A) ::= SCONST(S). { A = ast_string(ctx, S); }
optval(A) ::= ICONST(N). {
    A = ast_int(ctx, N);
    if (A->negated) parse_fail(ctx, N.line, N.col, "integer literal %.*s is too large for BIGINT", N.n, N.z);
}
optval(A) ::= MINUS(M) ICONST(N). {
    A = ast_int(ctx, N);
    if (A->negated) A->negated = false;   /* INT64_MIN already */
    else A->ival = -A->ival;
    A->line = M.line; A->col = M.col;
}
optval(A) ::= FCONST(N). { A = ast_double(ctx, N); }
optval(A) ::= MINUS(M) FCONST(N). { A = ast_double(ctx, N); A->dval = -A->dval; A->line = M.line; A->col = M.col; }
optval(A) ::= TRUE(T).  { A = ast_new(ctx, AST_BOOL, T.line, T.col); A->ival = 1; }
optval(A) ::= FALSE(T). { A = ast_new(ctx, AST_BOOL, T.line, T.col); A->ival = 0; }

/* ---------------- other statements ---------------- */

cmd(A) ::= CREATE VIEW ifnotexists(E) nm(N) AS select(S). {
    A = ast_stmt(ctx, STMT_CREATE_VIEW);
    A->obj = OBJ_VIEW; A->if_not_exists = E;
    A->name = N.s; A->name_line = N.line; A->name_col = N.col;
    A->select = S; A->select_start = ctx->sel_start; A->select_end = ctx->sel_end;
}
cmd(A) ::= CREATE SINK ifnotexists(E) nm(N) WITH LP options(L) RP AS select(S). {
    A = ast_stmt(ctx, STMT_CREATE_SINK);
    A->obj = OBJ_SINK; A->if_not_exists = E;
    A->name = N.s; A->name_line = N.line; A->name_col = N.col;
    A->options = L;
    A->select = S; A->select_start = ctx->sel_start; A->select_end = ctx->sel_end;
}
cmd(A) ::= INSERT INTO nm(N) select(S). {
    A = ast_stmt(ctx, STMT_INSERT);
    A->name = N.s; A->name_line = N.line; A->name_col = N.col;
    A->select = S; A->select_start = ctx->sel_start; A->select_end = ctx->sel_end;
}
cmd(A) ::= DROP objkind(K) ifexists(E) nm(N). {
    A = ast_stmt(ctx, STMT_DROP);
    A->obj = K; A->if_exists = E;
    A->name = N.s; A->name_line = N.line; A->name_col = N.col;
}
%type objkind {int}
objkind(A) ::= SOURCE. { A = OBJ_SOURCE; }
objkind(A) ::= SINK.   { A = OBJ_SINK; }
objkind(A) ::= VIEW.   { A = OBJ_VIEW; }
objkind(A) ::= TABLE.  { A = OBJ_TABLE; }

cmd(A) ::= SHOW showkind(K). { A = ast_stmt(ctx, STMT_SHOW); A->obj = K; }
cmd(A) ::= SHOW CREATE objkind(K) nm(N). {
    A = ast_stmt(ctx, STMT_SHOW_CREATE); A->obj = K;
    A->name = N.s; A->name_line = N.line; A->name_col = N.col;
}
%type showkind {int}
showkind(A) ::= SOURCES. { A = OBJ_SOURCE; }
showkind(A) ::= SINKS.   { A = OBJ_SINK; }
showkind(A) ::= VIEWS.   { A = OBJ_VIEW; }
showkind(A) ::= TABLES.  { A = OBJ_TABLE; }
showkind(A) ::= JOBS.    { A = OBJ_JOB; }

cmd(A) ::= describe nm(N). {
    A = ast_stmt(ctx, STMT_DESCRIBE);
    A->name = N.s; A->name_line = N.line; A->name_col = N.col;
}
describe ::= DESCRIBE.
describe ::= DESC.

cmd(A) ::= EXPLAIN select(S). {
    A = ast_stmt(ctx, STMT_EXPLAIN);
    A->select = S; A->select_start = ctx->sel_start; A->select_end = ctx->sel_end;
}

cmd(A) ::= SET optkey(K) EQ setval(V). {
    A = ast_stmt(ctx, STMT_SET); A->key = K.s; A->value = V;
}
cmd(A) ::= RESET. { A = ast_stmt(ctx, STMT_RESET); }
cmd(A) ::= RESET optkey(K). { A = ast_stmt(ctx, STMT_RESET); A->key = K.s; }

%type setval {const char*}
setval(A) ::= SCONST(S). { int n; A = ast_unquote_string(ctx, S, &n); }
setval(A) ::= ICONST(S). { A = arena_strndup(ctx->arena, S.z, (size_t)S.n); if (!A) { ctx->nomem = true; A = ""; } }
setval(A) ::= FCONST(S). { A = arena_strndup(ctx->arena, S.z, (size_t)S.n); if (!A) { ctx->nomem = true; A = ""; } }
setval(A) ::= TRUE.  { A = "true"; }
setval(A) ::= FALSE. { A = "false"; }

cmd(A) ::= select(S). {
    A = ast_stmt(ctx, STMT_SELECT);
    A->select = S; A->select_start = ctx->sel_start; A->select_end = ctx->sel_end;
}

/* ---------------- SELECT ---------------- */

%type select {AstSelect*}
select(A) ::= SELECT(S) distinct(D) selcols(L) from(F) where(W) groupby(G) having(H) emit(E) limit(N). {
    A = ast_select(ctx, S);
    A->distinct = D; A->items = L; A->from = F; A->where = W;
    A->group_by = G; A->having = H; A->limit = N;
    A->emit_line = E.line; A->emit_col = E.col;
    ctx->sel_start = S.start; ctx->sel_end = ctx->prev_end;
}

%type distinct {int}
distinct(A) ::= . { A = 0; }
distinct(A) ::= DISTINCT. { A = 1; }
distinct(A) ::= ALL. { A = 0; }

%type selcols {AstList*}
selcols(A) ::= selcol(X). { A = ast_list_push(ctx, NULL, X); }
selcols(A) ::= selcols(L) COMMA selcol(X). { A = ast_list_push(ctx, L, X); }

selcol(A) ::= STAR(S). {
    A = ast_new(ctx, AST_SELECT_ITEM, S.line, S.col);
    A->a = ast_new(ctx, AST_STAR, S.line, S.col);
}
selcol(A) ::= nm(Q) DOT STAR. {
    A = ast_new(ctx, AST_SELECT_ITEM, Q.line, Q.col);
    A->a = ast_new(ctx, AST_STAR, Q.line, Q.col);
    A->a->qual = Q.s;
}
selcol(A) ::= expr(E) as(X). {
    A = ast_new(ctx, AST_SELECT_ITEM, E->line, E->col);
    A->a = E; A->str = X.s; A->quoted = X.quoted;
}

%type from {AstFrom*}
from(A) ::= . { A = NULL; }
from(A) ::= FROM fromitem(F). { A = F; }

%type fromitem {AstFrom*}
fromitem(A) ::= nm(N) as(X). {
    A = ast_alloc(ctx, sizeof *A);
    A->kind = FROM_NAME; A->line = N.line; A->col = N.col;
    A->name = N.s; A->alias = X.s;
}
fromitem(A) ::= LP(P) select(S) RP as(X). {
    A = ast_alloc(ctx, sizeof *A);
    A->kind = FROM_SUBQUERY; A->line = P.line; A->col = P.col;
    A->select = S; A->alias = X.s;
}
fromitem(A) ::= TABLE(T) LP wkind(K) LP winargs(L) RP RP as(X). {
    A = ast_window_from(ctx, T, (WindowKind)K.code, K, L);
    A->alias = X.s;
}

/* wkind's Token carries the WindowKind in .code */
%type wkind {Token}
wkind(A) ::= TUMBLE(T).   { A = T; A.code = WIN_TUMBLE; }
wkind(A) ::= HOP(T).      { A = T; A.code = WIN_HOP; }
wkind(A) ::= CUMULATE(T). { A = T; A.code = WIN_CUMULATE; }
wkind(A) ::= SESSION(T).  { A = T; A.code = WIN_SESSION; }

%type winargs {AstList*}
winargs(A) ::= winarg(X). { A = ast_list_push(ctx, NULL, X); }
winargs(A) ::= winargs(L) COMMA winarg(X). { A = ast_list_push(ctx, L, X); }

/* A named argument is wrapped in an AST_OPTION (str = name) for ast_window_from. */
winarg(A) ::= expr(X). { A = X; }
winarg(A) ::= tablearg(X). { A = X; }
winarg(A) ::= nm(N) ARROW expr(X). {
    A = ast_new(ctx, AST_OPTION, N.line, N.col); A->str = ast_lower(ctx, N.s); A->a = X;
}
winarg(A) ::= nm(N) ARROW tablearg(X). {
    A = ast_new(ctx, AST_OPTION, N.line, N.col); A->str = ast_lower(ctx, N.s); A->a = X;
}

tablearg(A) ::= TABLE(T) nm(N) partition(P). {
    A = ast_new(ctx, AST_TABLE_ARG, T.line, T.col);
    A->str = N.s; A->quoted = N.quoted; A->list = P;
}
%type partition {AstList*}
partition(A) ::= . { A = NULL; }
/* PARTITION BY k, PARTITION BY (k1, k2); `PARTITION BY k1, k2` parses k2 as a
 * following argument, which ast_window_from moves back into the list. */
partition(A) ::= PARTITION BY pcol(C). { A = ast_list_push(ctx, NULL, C); }
partition(A) ::= PARTITION BY LP pcols(L) RP. { A = L; }
%type pcols {AstList*}
pcols(A) ::= pcol(C). { A = ast_list_push(ctx, NULL, C); }
pcols(A) ::= pcols(L) COMMA pcol(C). { A = ast_list_push(ctx, L, C); }
pcol(A) ::= nm(N). {
    A = ast_new(ctx, AST_COLUMN, N.line, N.col); A->str = N.s; A->quoted = N.quoted;
}

%type where {AstNode*}
where(A) ::= . { A = NULL; }
where(A) ::= WHERE expr(E). { A = E; }

%type groupby {AstList*}
groupby(A) ::= . { A = NULL; }
groupby(A) ::= GROUP BY exprlist(L). { A = L; }

having(A) ::= . { A = NULL; }
having(A) ::= HAVING expr(E). { A = E; }

/* EMIT ON WINDOW CLOSE is what windows do (the default); the early-firing
 * forms are phase 2.  E is the EMIT token (line 0 when absent). */
%type emit {Token}
emit(A) ::= . { memset(&A, 0, sizeof A); }
emit(A) ::= EMIT(E) ON WINDOW CLOSE. { A = E; }
emit(A) ::= EMIT(E) AFTER DELAY expr. {
    A = E;
    parse_fail(ctx, E.line, E.col, "EMIT AFTER DELAY is not supported yet: a window emits once, when it closes "
               "(EMIT ON WINDOW CLOSE)");
}
emit(A) ::= EMIT(E) EVERY ICONST ROWS. {
    A = E;
    parse_fail(ctx, E.line, E.col, "EMIT EVERY n ROWS is not supported yet: a window emits once, when it closes "
               "(EMIT ON WINDOW CLOSE)");
}

%type limit {int64_t}
limit(A) ::= . { A = -1; }
limit(A) ::= LIMIT ICONST(N). { A = ast_int_value(ctx, N); }

%type exprlist {AstList*}
exprlist(A) ::= expr(X). { A = ast_list_push(ctx, NULL, X); }
exprlist(A) ::= exprlist(L) COMMA expr(X). { A = ast_list_push(ctx, L, X); }

/* ---------------- expressions ---------------- */

expr(A) ::= ICONST(X). { A = ast_int(ctx, X); }
expr(A) ::= FCONST(X). { A = ast_double(ctx, X); }
expr(A) ::= SCONST(X). { A = ast_string(ctx, X); }
expr(A) ::= TRUE(T).  { A = ast_new(ctx, AST_BOOL, T.line, T.col); A->ival = 1; }
expr(A) ::= FALSE(T). { A = ast_new(ctx, AST_BOOL, T.line, T.col); A->ival = 0; }
expr(A) ::= NULL(T).  { A = ast_new(ctx, AST_NULL, T.line, T.col); }
expr(A) ::= TIMESTAMP(K) SCONST(S). { A = ast_timestamp(ctx, K, S); }
expr(A) ::= INTERVAL(K) SCONST(S) unit(U). { A = ast_interval(ctx, K, S, U); }
expr(A) ::= INTERVAL(K) SCONST(S). { A = ast_interval(ctx, K, S, 0); }

expr(A) ::= nm(N). {
    A = ast_new(ctx, AST_COLUMN, N.line, N.col); A->str = N.s; A->quoted = N.quoted;
}
/* `timestamp` as a column name, where no literal follows */
expr(A) ::= TIMESTAMP(T). {
    A = ast_new(ctx, AST_COLUMN, T.line, T.col); A->str = "timestamp";
}
expr(A) ::= nm(Q) DOT nm(N). {
    A = ast_new(ctx, AST_COLUMN, Q.line, Q.col); A->str = N.s; A->qual = Q.s; A->quoted = N.quoted;
}
expr(A) ::= LP expr(X) RP. { A = X; }

expr(A) ::= nm(N) LP RP. { A = ast_call(ctx, N.s, N.line, N.col, NULL); }
expr(A) ::= nm(N) LP exprlist(L) RP. { A = ast_call(ctx, N.s, N.line, N.col, L); }
expr(A) ::= nm(N) LP DISTINCT exprlist(L) RP. {
    A = ast_call(ctx, N.s, N.line, N.col, L); A->distinct = true;
}
expr(A) ::= nm(N) LP STAR RP. { A = ast_call(ctx, N.s, N.line, N.col, NULL); A->star = true; }

expr(A) ::= CAST(C) LP expr(X) AS type(T) RP. {
    A = ast_new(ctx, AST_CAST, C.line, C.col); A->a = X; A->type = T;
}
expr(A) ::= CASE(C) case_operand(X) case_exprlist(L) case_else(Z) END. {
    A = ast_new(ctx, AST_CASE, C.line, C.col); A->a = X; A->list = L; A->c = Z;
}
%type case_exprlist {AstList*}
case_exprlist(A) ::= case_exprlist(L) WHEN expr(Y) THEN expr(Z). {
    A = ast_list_push(ctx, ast_list_push(ctx, L, Y), Z);
}
case_exprlist(A) ::= WHEN expr(Y) THEN expr(Z). {
    A = ast_list_push(ctx, ast_list_push(ctx, NULL, Y), Z);
}
case_else(A) ::= ELSE expr(X). { A = X; }
case_else(A) ::= . { A = NULL; }
case_operand(A) ::= expr(X). { A = X; }
case_operand(A) ::= . { A = NULL; }

expr(A) ::= EXTRACT(K) LP unit(U) FROM expr(X) RP. {
    A = ast_new(ctx, AST_EXTRACT, K.line, K.col); A->ival = U; A->a = X;
}
expr(A) ::= floor(K) LP expr(X) TO unit(U) RP. {
    A = ast_new(ctx, K.code ? AST_CEIL_TO : AST_FLOOR_TO, K.line, K.col); A->a = X; A->ival = U;
}
expr(A) ::= floor(K) LP expr(X) RP. {
    A = ast_call(ctx, K.code ? "CEIL" : "FLOOR", K.line, K.col, ast_list_push(ctx, NULL, X));
}
/* floor's Token carries 0 (FLOOR) or 1 (CEIL, CEILING) in .code */
%type floor {Token}
floor(A) ::= FLOOR(T).   { A = T; A.code = 0; }
floor(A) ::= CEIL(T).    { A = T; A.code = 1; }
floor(A) ::= CEILING(T). { A = T; A.code = 1; }

expr(A) ::= SUBSTRING(K) LP expr(S) FROM expr(I) RP. {
    A = ast_call(ctx, "SUBSTRING", K.line, K.col, ast_list_push(ctx, ast_list_push(ctx, NULL, S), I));
}
expr(A) ::= SUBSTRING(K) LP expr(S) FROM expr(I) FOR expr(N) RP. {
    A = ast_call(ctx, "SUBSTRING", K.line, K.col,
                 ast_list_push(ctx, ast_list_push(ctx, ast_list_push(ctx, NULL, S), I), N));
}
expr(A) ::= SUBSTRING(K) LP exprlist(L) RP. {
    A = ast_call(ctx, "SUBSTRING", K.line, K.col, L);
}

expr(A) ::= TRIM(K) LP expr(S) RP. {
    A = ast_call(ctx, "TRIM", K.line, K.col, ast_list_push(ctx, NULL, S));
}
expr(A) ::= TRIM(K) LP expr(C) FROM expr(S) RP. {
    A = ast_call(ctx, "TRIM", K.line, K.col, ast_list_push(ctx, ast_list_push(ctx, NULL, S), C));
}
expr(A) ::= TRIM(K) LP FROM expr(S) RP. {
    A = ast_call(ctx, "TRIM", K.line, K.col, ast_list_push(ctx, NULL, S));
}
expr(A) ::= TRIM(K) LP trimspec(M) FROM expr(S) RP. {
    A = ast_call(ctx, "TRIM", K.line, K.col, ast_list_push(ctx, NULL, S)); A->ival = M;
}
expr(A) ::= TRIM(K) LP trimspec(M) expr(C) FROM expr(S) RP. {
    A = ast_call(ctx, "TRIM", K.line, K.col, ast_list_push(ctx, ast_list_push(ctx, NULL, S), C));
    A->ival = M;
}
%type trimspec {int}
trimspec(A) ::= BOTH.     { A = 0; }
trimspec(A) ::= LEADING.  { A = 1; }
trimspec(A) ::= TRAILING. { A = 2; }

expr(A) ::= DESCRIPTOR(D) LP nm(N) RP. {
    A = ast_new(ctx, AST_DESCRIPTOR, D.line, D.col); A->str = N.s; A->quoted = N.quoted;
}

expr(A) ::= expr(X) AND expr(Y).     { A = ast_binary(ctx, OP_AND, X, Y); }
expr(A) ::= expr(X) OR expr(Y).      { A = ast_binary(ctx, OP_OR, X, Y); }
expr(A) ::= expr(X) EQ expr(Y).      { A = ast_binary(ctx, OP_EQ, X, Y); }
expr(A) ::= expr(X) NE expr(Y).      { A = ast_binary(ctx, OP_NE, X, Y); }
expr(A) ::= expr(X) LT expr(Y).      { A = ast_binary(ctx, OP_LT, X, Y); }
expr(A) ::= expr(X) LE expr(Y).      { A = ast_binary(ctx, OP_LE, X, Y); }
expr(A) ::= expr(X) GT expr(Y).      { A = ast_binary(ctx, OP_GT, X, Y); }
expr(A) ::= expr(X) GE expr(Y).      { A = ast_binary(ctx, OP_GE, X, Y); }
expr(A) ::= expr(X) PLUS expr(Y).    { A = ast_binary(ctx, OP_ADD, X, Y); }
expr(A) ::= expr(X) MINUS expr(Y).   { A = ast_binary(ctx, OP_SUB, X, Y); }
expr(A) ::= expr(X) CONCAT expr(Y).  { A = ast_binary(ctx, OP_CONCAT, X, Y); }
expr(A) ::= expr(X) STAR expr(Y).    { A = ast_binary(ctx, OP_MUL, X, Y); }
expr(A) ::= expr(X) SLASH expr(Y).   { A = ast_binary(ctx, OP_DIV, X, Y); }
expr(A) ::= expr(X) PERCENT expr(Y). { A = ast_binary(ctx, OP_MOD, X, Y); }
expr(A) ::= NOT(T) expr(X).             { A = ast_unary(ctx, OP_NOT, X, T); }
expr(A) ::= MINUS(T) expr(X). [UMINUS] { A = ast_unary(ctx, OP_NEG, X, T); }
expr(A) ::= PLUS(T) expr(X). [UMINUS]  { A = ast_unary(ctx, OP_PLUS, X, T); }

expr(A) ::= expr(X) IS NULL. [IS] {
    A = ast_new(ctx, AST_IS_NULL, X->line, X->col); A->a = X;
}
expr(A) ::= expr(X) IS NOT NULL. [IS] {
    A = ast_new(ctx, AST_IS_NULL, X->line, X->col); A->a = X; A->negated = true;
}
expr(A) ::= expr(X) IS boolval(B). [IS] {
    A = ast_new(ctx, AST_IS_BOOL, X->line, X->col); A->a = X; A->ival = B;
}
expr(A) ::= expr(X) IS NOT boolval(B). [IS] {
    A = ast_new(ctx, AST_IS_BOOL, X->line, X->col); A->a = X; A->ival = B; A->negated = true;
}
%type boolval {int}
boolval(A) ::= TRUE.  { A = 1; }
boolval(A) ::= FALSE. { A = 0; }

expr(A) ::= expr(X) between_op(N) expr(Y) AND expr(Z). [BETWEEN] {
    A = ast_new(ctx, AST_BETWEEN, X->line, X->col);
    A->a = X; A->b = Y; A->c = Z; A->negated = N;
}
%type between_op {int}
between_op(A) ::= BETWEEN.     { A = 0; }
between_op(A) ::= NOT BETWEEN. { A = 1; }

expr(A) ::= expr(X) in_op(N) LP exprlist(L) RP. [IN] {
    A = ast_new(ctx, AST_IN, X->line, X->col); A->a = X; A->list = L; A->negated = N;
}
%type in_op {int}
in_op(A) ::= IN.     { A = 0; }
in_op(A) ::= NOT IN. { A = 1; }

expr(A) ::= expr(X) likeop(N) expr(Y). [LIKE] {
    A = ast_new(ctx, AST_LIKE, X->line, X->col); A->a = X; A->b = Y; A->negated = N;
}
expr(A) ::= expr(X) likeop(N) expr(Y) ESCAPE expr(Z). [LIKE] {
    A = ast_new(ctx, AST_LIKE, X->line, X->col); A->a = X; A->b = Y; A->c = Z; A->negated = N;
}
%type likeop {int}
likeop(A) ::= LIKE.     { A = 0; }
likeop(A) ::= NOT LIKE. { A = 1; }

/* ---------------- time units ---------------- */

%type unit {int}
unit(A) ::= MILLISECOND.  { A = UNIT_MILLISECOND; }
unit(A) ::= MILLISECONDS. { A = UNIT_MILLISECOND; }
unit(A) ::= SECOND.  { A = UNIT_SECOND; }
unit(A) ::= SECONDS. { A = UNIT_SECOND; }
unit(A) ::= MINUTE.  { A = UNIT_MINUTE; }
unit(A) ::= MINUTES. { A = UNIT_MINUTE; }
unit(A) ::= HOUR.    { A = UNIT_HOUR; }
unit(A) ::= HOURS.   { A = UNIT_HOUR; }
unit(A) ::= DAY.     { A = UNIT_DAY; }
unit(A) ::= DAYS.    { A = UNIT_DAY; }
unit(A) ::= WEEK.    { A = UNIT_WEEK; }
unit(A) ::= WEEKS.   { A = UNIT_WEEK; }
unit(A) ::= MONTH.   { A = UNIT_MONTH; }
unit(A) ::= MONTHS.  { A = UNIT_MONTH; }
unit(A) ::= QUARTER. { A = UNIT_QUARTER; }
unit(A) ::= QUARTERS. { A = UNIT_QUARTER; }
unit(A) ::= YEAR.    { A = UNIT_YEAR; }
unit(A) ::= YEARS.   { A = UNIT_YEAR; }
unit(A) ::= DOW.     { A = UNIT_DOW; }
unit(A) ::= DOY.     { A = UNIT_DOY; }
unit(A) ::= EPOCH.   { A = UNIT_EPOCH; }

/* ---------------- for parse_driver.c ---------------- */

%code {
/* The state (or pending reduce) on top of the parser's stack.  After shifting
 * a keyword, it differs from the one after shifting ID exactly when the
 * grammar has a rule for that keyword here (rather than using it as a name
 * through %fallback); the "expected one of" message relies on that. */
int parse_lemon_top_state(void *p)
{
    return ((yyParser *)p)->yytos->stateno;
}
}
