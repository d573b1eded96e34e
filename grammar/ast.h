/*
 * ast.h - the syntax tree the parser builds and the planner reads.
 *
 * Every node lives in the statement's arena (freed at once) and keeps the
 * 1-based line and column of its first token, so any later error can point at
 * the text.  Names are stored as written, except that unquoted identifiers are
 * folded to lower case (SQL's case-insensitivity); quoted ones (`x`, "X") keep
 * their case.  Keywords inside names (e.g. function names) are upper-cased.
 */
#ifndef WEIR_AST_H
#define WEIR_AST_H

#include <stdbool.h>
#include <stdint.h>

#include "value.h"

typedef struct AstNode AstNode;

/* A growable array of node pointers, allocated in the arena. */
typedef struct AstList {
    int n, cap;
    AstNode **items;
} AstList;

typedef enum AstKind {
    /* ---- expressions ---- */
    AST_INT,          /* ival */
    AST_DOUBLE,       /* dval */
    AST_STRING,       /* str (unescaped, NUL-terminated), ival = byte length */
    AST_BOOL,         /* ival 0/1 */
    AST_NULL,
    AST_TIMESTAMP,    /* TIMESTAMP '...': ival = epoch ms */
    AST_INTERVAL,     /* INTERVAL '10' SECOND / INTERVAL '10 seconds': ival = ms */
    AST_COLUMN,       /* str = column name, qual = optional table qualifier (or NULL) */
    AST_STAR,         /* `*` or `qual.*` (qual may be NULL) */
    AST_UNARY,        /* op = OP_NOT | OP_NEG | OP_PLUS, a */
    AST_BINARY,       /* op = OP_ADD..OP_OR, a, b */
    AST_IS_NULL,      /* a IS [NOT] NULL: a, negated */
    AST_IS_BOOL,      /* a IS [NOT] TRUE|FALSE: a, ival = 1 (TRUE) / 0 (FALSE), negated */
    AST_BETWEEN,      /* a [NOT] BETWEEN b AND c: a, b, c, negated */
    AST_IN,           /* a [NOT] IN (list): a, list, negated */
    AST_LIKE,         /* a [NOT] LIKE b [ESCAPE c]: a, b, c (NULL), negated */
    AST_CASE,         /* CASE [a] WHEN..THEN.. [ELSE c] END: a = operand or NULL,
                         list = WHEN/THEN pairs flattened (w1, t1, w2, t2, ...), c = ELSE or NULL */
    AST_CAST,         /* CAST(a AS type): a, type */
    AST_CALL,         /* str = function name upper-cased (COUNT, TUMBLE, TUMBLE_START,
                         PROCTIME, SUBSTRING, TRIM, ...), list = arguments,
                         distinct = COUNT(DISTINCT x), star = COUNT(*).
                         SUBSTRING(s FROM i [FOR n]) is CALL SUBSTRING (s, i[, n]);
                         TRIM([BOTH|LEADING|TRAILING] [c] FROM s) is CALL TRIM with
                         ival = 0 both / 1 leading / 2 trailing and list (s[, c]). */
    AST_EXTRACT,      /* EXTRACT(unit FROM a): ival = TimeUnit, a */
    AST_FLOOR_TO,     /* FLOOR(a TO unit): a, ival = TimeUnit */
    AST_CEIL_TO,      /* CEIL(a TO unit) */
    AST_DESCRIPTOR,   /* DESCRIPTOR(col): str = column name */
    AST_TABLE_ARG,    /* TABLE name [PARTITION BY list] inside a window TVF:
                         str = name, list = PARTITION BY expressions or NULL */

    /* ---- parts of statements ---- */
    AST_SELECT_ITEM,  /* a = expression, str = alias or NULL */
    AST_OPTION,       /* WITH (key = 'value'): str = key (as written, quotes removed),
                         a = AST_STRING/AST_INT/AST_DOUBLE/AST_BOOL value */
    AST_COLUMN_DEF,   /* str = name, type = declared type (computed columns: TYPE_NULL),
                         a = computed expression or NULL (PROCTIME() is an AST_CALL) */
} AstKind;

typedef enum AstOp {
    OP_NONE = 0,
    OP_ADD, OP_SUB, OP_MUL, OP_DIV, OP_MOD, OP_CONCAT,
    OP_EQ, OP_NE, OP_LT, OP_LE, OP_GT, OP_GE,
    OP_AND, OP_OR,
    OP_NOT, OP_NEG, OP_PLUS,
} AstOp;

typedef enum TimeUnit {
    UNIT_MILLISECOND = 1, UNIT_SECOND, UNIT_MINUTE, UNIT_HOUR, UNIT_DAY, UNIT_WEEK,
    UNIT_MONTH, UNIT_QUARTER, UNIT_YEAR, UNIT_DOW, UNIT_DOY, UNIT_EPOCH,
} TimeUnit;

/* A declared type: VARCHAR(n) has len n; TIMESTAMP(3) has len 3; DECIMAL(p,s). */
typedef struct AstType {
    TypeId id;
    int len, scale;
    int line, col;
} AstType;

typedef struct AstSelect AstSelect;

struct AstNode {
    AstKind kind;
    int line, col;          /* where the node's first token starts (1-based) */
    int op;                 /* AstOp for AST_UNARY / AST_BINARY */
    const char *str;        /* names, string literal bytes, function names */
    const char *qual;       /* table qualifier of AST_COLUMN / AST_STAR */
    int64_t ival;
    double dval;
    AstNode *a, *b, *c;
    AstList *list;
    AstType type;           /* AST_CAST, AST_COLUMN_DEF */
    bool negated, distinct, star, quoted;
    AstSelect *subquery;    /* reserved for scalar subqueries (phase 2) */
};

/* ---- FROM ---- */
typedef enum AstFromKind {
    FROM_NAME,        /* a source, table or view: name */
    FROM_SUBQUERY,    /* (SELECT ...): select */
    FROM_WINDOW,      /* TABLE(TUMBLE|HOP|CUMULATE|SESSION(TABLE t [PARTITION BY k], DESCRIPTOR(ts), args...)) */
} AstFromKind;

typedef enum WindowKind { WIN_NONE = 0, WIN_TUMBLE, WIN_HOP, WIN_CUMULATE, WIN_SESSION } WindowKind;

typedef struct AstFrom {
    AstFromKind kind;
    int line, col;
    const char *name;        /* FROM_NAME; for FROM_WINDOW the table inside TABLE ... */
    const char *alias;       /* AS alias or NULL */
    AstSelect *select;       /* FROM_SUBQUERY */
    /* FROM_WINDOW: */
    WindowKind wkind;
    struct AstFrom *input;   /* what the window reads (a FROM_NAME today) */
    const char *time_col;    /* DESCRIPTOR(col) */
    int time_line, time_col_col;
    AstList *partition_by;   /* SESSION's PARTITION BY, or NULL */
    AstList *args;           /* the interval arguments in order written
                                (TUMBLE: size; HOP: slide, size; CUMULATE: step, size;
                                SESSION: gap) */
} AstFrom;

struct AstSelect {
    int line, col;
    bool distinct;
    AstList *items;          /* AST_SELECT_ITEM */
    AstFrom *from;           /* NULL for SELECT without FROM */
    AstNode *where;          /* or NULL */
    AstList *group_by;       /* or NULL */
    AstNode *having;         /* or NULL */
    int emit_line, emit_col; /* EMIT ON WINDOW CLOSE: where (0, 0 when absent) */
    int64_t limit;           /* -1 when absent */
};

/* ---- statements ---- */
typedef enum AstStmtKind {
    STMT_SELECT,
    STMT_CREATE_SOURCE,   /* CREATE SOURCE and CREATE TABLE ... WITH (...) */
    STMT_CREATE_VIEW,
    STMT_CREATE_SINK,     /* CREATE SINK name WITH (...) AS SELECT ... */
    STMT_INSERT,          /* INSERT INTO name SELECT ... */
    STMT_DROP,
    STMT_SHOW,
    STMT_SHOW_CREATE,     /* SHOW CREATE SOURCE|TABLE|VIEW|SINK name */
    STMT_DESCRIBE,
    STMT_EXPLAIN,
    STMT_SET,
    STMT_RESET,
} AstStmtKind;

typedef enum ObjKind {
    OBJ_NONE = 0, OBJ_SOURCE = 1, OBJ_TABLE = 2, OBJ_VIEW = 3, OBJ_SINK = 4, OBJ_JOB = 5,
} ObjKind;

typedef struct AstStmt {
    AstStmtKind kind;
    int line, col;
    int text_start, text_end;   /* byte offsets of the statement in the input (no ';') */
    const char *name;           /* object name: CREATE/DROP/DESCRIBE/INSERT target */
    int name_line, name_col;
    bool if_not_exists, if_exists;
    ObjKind obj;                /* CREATE SOURCE vs TABLE; DROP/SHOW kind */
    AstList *columns;           /* CREATE SOURCE/TABLE: AST_COLUMN_DEF */
    const char *wm_column;      /* WATERMARK FOR col ... (NULL if none) */
    AstNode *wm_expr;           /* ... AS expr */
    int wm_line, wm_col;
    AstList *options;           /* WITH (...): AST_OPTION, or NULL */
    AstSelect *select;          /* SELECT, CREATE VIEW/SINK, INSERT, EXPLAIN */
    int select_start, select_end; /* byte offsets of the SELECT text (views keep it) */
    const char *key, *value;    /* SET 'key' = 'value'; RESET ['key'] (key may be NULL) */
} AstStmt;

typedef struct AstScript {
    int n, cap;
    AstStmt **stmts;
} AstScript;

#endif
