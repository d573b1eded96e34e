/*
 * expr_compile.c - binds an AST expression to a Scope, checks its types and
 * emits an ExprProg (see runtime/expr.h).
 *
 * Compilation is one recursive pass: each node is typed from its children,
 * implicit conversions are inserted (INT -> DOUBLE in mixed arithmetic, a string
 * literal compared with a TIMESTAMP is parsed at compile time), and instructions
 * are appended writing a fresh register.  Registers are never reused: programs
 * are small and a fresh register per node keeps CASE/COALESCE jumps simple.
 *
 * Registers computed from literals only are marked konst; a CAST or function
 * call over konst arguments is evaluated once here (const_check), so a literal
 * that cannot convert (CAST('x' AS INT)) is an SQL error at its position instead
 * of a data error on every row.  Scalar functions live in functions.c; NULLIF,
 * TRIM, EXTRACT and FLOOR/CEIL(ts TO unit) are shaped here and call into it.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "functions.h"
#include "scope.h"
#include "weir.h"

typedef struct Xc {
    Arena *arena;
    const Scope *scope;
    WeirError *err;
    ExprInstr *code;
    int n, cap;
    Value *consts;
    int nconsts, capc;
    int nregs;
} Xc;

typedef struct Reg {
    int r;
    TypeId t;
    const AstNode *lit;    /* the literal node when the register holds one (for folding) */
    bool konst;            /* computed from literals only, without jumps: evaluable now */
} Reg;

static int emit(Xc *x, ExprOpcode op, int a, int b, TypeId t)
{
    if (x->n == x->cap) {
        int cap = x->cap ? x->cap * 2 : 16;
        ExprInstr *p = realloc(x->code, (size_t)cap * sizeof *p);
        if (!p) return -1;
        x->code = p;
        x->cap = cap;
    }
    ExprInstr *in = &x->code[x->n++];
    memset(in, 0, sizeof *in);
    in->op = (uint8_t)op;
    in->dst = (uint16_t)x->nregs++;
    in->a = a;
    in->b = b;
    in->type = t;
    return in->dst;
}

static int add_const(Xc *x, Value v)
{
    if (x->nconsts == x->capc) {
        int cap = x->capc ? x->capc * 2 : 8;
        Value *p = realloc(x->consts, (size_t)cap * sizeof *p);
        if (!p) return -1;
        x->consts = p;
        x->capc = cap;
    }
    x->consts[x->nconsts] = v;
    return x->nconsts++;
}

static int oom(Xc *x) { return err_set(x->err, WEIR_NOMEM, "out of memory"); }

static int compile(Xc *x, const AstNode *e, Reg *out);
static int compile_nullif(Xc *x, const AstNode *e, Reg *out);
static int compile_trim(Xc *x, const AstNode *e, Reg *out);
static int call_regs(Xc *x, ExprFn fn, const Reg *args, int n, TypeId t, Reg *out);

static int const_reg(Xc *x, Value v, TypeId t, Reg *out)
{
    int c = add_const(x, v);
    if (c < 0) return oom(x);
    out->r = emit(x, X_CONST, c, 0, t);
    out->t = t;
    out->lit = NULL;
    out->konst = true;
    return out->r < 0 ? oom(x) : WEIR_OK;
}

static int call_fn(Xc *x, ExprFn fn, int first_arg, int nargs, TypeId t, Reg *out)
{
    int r = emit(x, X_CALL, first_arg, nargs, t);
    if (r < 0) return oom(x);
    x->code[x->n - 1].fn = fn;
    out->r = r;
    out->t = t;
    out->lit = NULL;
    out->konst = false;
    return WEIR_OK;
}

/* Converts *v to type t in place (emitting a cast), or fails with a message. */
static int convert(Xc *x, Reg *v, TypeId t, const AstNode *at)
{
    if (v->t == t || t == TYPE_NULL) return WEIR_OK;
    if (v->t == TYPE_NULL) {
        v->t = t;
        return WEIR_OK;
    }
    if (type_is_integer(v->t) && type_is_integer(t) && t == TYPE_BIGINT) {
        v->t = t;
        return WEIR_OK;
    }
    /* A string literal where a TIMESTAMP is wanted is parsed now: errors are SQL errors. */
    if (v->lit && v->lit->kind == AST_STRING && t == TYPE_TIMESTAMP) {
        int64_t ms;
        if (time_parse_iso(v->lit->str, (size_t)v->lit->ival, &ms))
            return err_at(x->err, WEIR_ERROR, at->line, at->col, "cannot read '%s' as TIMESTAMP", v->lit->str);
        Value cv = {.u.i = ms};
        return const_reg(x, cv, TYPE_TIMESTAMP, v);
    }
    ExprFn fn = func_cast(v->t, t);
    if (!fn)
        return err_at(x->err, WEIR_ERROR, at->line, at->col, "cannot convert %s to %s", type_name(v->t),
                      type_name(t));
    int arg = v->r;
    bool k = v->konst;
    int rc = call_fn(x, fn, arg, 1, t, v);
    v->konst = k;
    return rc;
}

/* Runs code[start..end) now (it must read no column and hold no jump: the code
 * of konst registers).  Returns the register file (caller frees) or NULL when
 * evaluation fails (err filled) or memory runs out (err->code WEIR_NOMEM). */
static Value *const_run(Xc *x, int start, int end, WeirError *err)
{
    Value *regs = calloc((size_t)(x->nregs ? x->nregs : 1), sizeof(Value));
    if (!regs) {
        err_set(err, WEIR_NOMEM, "out of memory");
        return NULL;
    }
    if (end > start) {
        ExprProg p = {.code = x->code + start, .n = end - start, .consts = x->consts, .nconsts = x->nconsts,
                      .nregs = x->nregs, .result = 0};
        ExprCtx ctx = {.text = x->arena, .regs = regs, .err = err};
        Value v;
        if (expr_eval(&p, NULL, &ctx, &v)) {
            free(regs);
            return NULL;
        }
    }
    return regs;
}

/* A call of fn over constant arguments (registers first..first+nargs, code
 * from start) is tried now, so a bad literal is an SQL error at `at` rather
 * than a data error on every row.  Arguments that fail themselves (1/0) are
 * left for run time.  Returns WEIR_OK, or WEIR_ERROR / WEIR_NOMEM with err set. */
static int const_check(Xc *x, int start, ExprFn fn, int first, int nargs, const AstNode *at, bool *ok)
{
    WeirError e;
    err_clear(&e);
    *ok = false;
    Value *regs = const_run(x, start, x->n, &e);
    if (!regs) return e.code == WEIR_NOMEM ? err_set(x->err, WEIR_NOMEM, "out of memory") : WEIR_OK;
    ExprCtx ctx = {.text = x->arena, .regs = regs, .err = &e};
    Value out;
    memset(&out, 0, sizeof out);
    int rc = fn(&ctx, regs + first, nargs, &out);
    free(regs);
    if (rc == 0) {
        *ok = true;
        return WEIR_OK;
    }
    if (e.code == WEIR_NOMEM) return err_set(x->err, WEIR_NOMEM, "out of memory");
    return err_at(x->err, WEIR_ERROR, at->line, at->col, "%s", e.msg);
}

/* Integer arithmetic over constants (code[start..n), the last instruction the
 * operator itself) is run now, so an overflow such as 9223372036854775807 + 1 is
 * an SQL error at `at` instead of a data error on every row.  A division by zero
 * and an operand that fails itself are left for run time, as in const_check. */
static int const_arith(Xc *x, int start, const AstNode *at)
{
    WeirError e;
    err_clear(&e);
    Value *regs = const_run(x, start, x->n - 1, &e);
    if (!regs) return e.code == WEIR_NOMEM ? oom(x) : WEIR_OK;
    const ExprInstr *in = &x->code[x->n - 1];
    int rc = WEIR_OK;
    if (!((in->op == X_DIV_I || in->op == X_MOD_I) && !regs[in->b].null && regs[in->b].u.i == 0)) {
        ExprProg p = {.code = x->code + x->n - 1, .n = 1, .consts = x->consts, .nconsts = x->nconsts,
                      .nregs = x->nregs, .result = in->dst};
        ExprCtx ctx = {.text = x->arena, .regs = regs, .err = &e};
        Value v;
        if (expr_eval(&p, NULL, &ctx, &v))
            rc = e.code == WEIR_NOMEM ? oom(x) : err_at(x->err, WEIR_ERROR, at->line, at->col, "%s", e.msg);
    }
    free(regs);
    return rc;
}

/* The common type of two operands for arithmetic/comparison, or TYPE_NULL if none. */
static TypeId common_type(TypeId a, TypeId b)
{
    if (a == TYPE_NULL) return b;
    if (b == TYPE_NULL) return a;
    if (a == b) return a;
    if (type_is_numeric(a) && type_is_numeric(b)) {
        if (a == TYPE_DOUBLE || b == TYPE_DOUBLE) return TYPE_DOUBLE;
        return TYPE_BIGINT;
    }
    return TYPE_NULL;
}

static int compile_arith(Xc *x, const AstNode *e, Reg *out)
{
    Reg a, b;
    int rc, start = x->n;
    if ((rc = compile(x, e->a, &a)) || (rc = compile(x, e->b, &b))) return rc;
    /* Time arithmetic: TIMESTAMP +/- INTERVAL. */
    if ((a.t == TYPE_TIMESTAMP && b.t == TYPE_INTERVAL) || (a.t == TYPE_INTERVAL && b.t == TYPE_TIMESTAMP && e->op == OP_ADD)) {
        if (e->op != OP_ADD && e->op != OP_SUB) goto bad;
        out->r = emit(x, e->op == OP_ADD ? X_ADD_TS : X_SUB_TS, a.r, b.r, TYPE_TIMESTAMP);
        out->t = TYPE_TIMESTAMP;
        out->lit = NULL;
        if (out->r < 0) return oom(x);
        /* between constants, a result past 9999 is an SQL error at the expression */
        return a.konst && b.konst ? const_arith(x, start, e) : WEIR_OK;
    }
    if (a.t == TYPE_INTERVAL && b.t == TYPE_INTERVAL && (e->op == OP_ADD || e->op == OP_SUB)) {
        out->r = emit(x, e->op == OP_ADD ? X_ADD_I : X_SUB_I, a.r, b.r, TYPE_INTERVAL);
        out->t = TYPE_INTERVAL;
        out->lit = NULL;
        return WEIR_OK;
    }
    {
        TypeId t = common_type(a.t, b.t);
        if (t == TYPE_NULL && a.t == TYPE_NULL) t = TYPE_BIGINT;
        if (!type_is_numeric(t)) goto bad;
        if ((rc = convert(x, &a, t, e->a)) || (rc = convert(x, &b, t, e->b))) return rc;
        int dbl = t == TYPE_DOUBLE;
        ExprOpcode op;
        switch (e->op) {
        case OP_ADD: op = dbl ? X_ADD_D : X_ADD_I; break;
        case OP_SUB: op = dbl ? X_SUB_D : X_SUB_I; break;
        case OP_MUL: op = dbl ? X_MUL_D : X_MUL_I; break;
        case OP_DIV: op = dbl ? X_DIV_D : X_DIV_I; break;
        default: op = dbl ? X_MOD_D : X_MOD_I; break;
        }
        if (t == TYPE_INT) t = TYPE_BIGINT;
        out->r = emit(x, op, a.r, b.r, t);
        out->t = t;
        out->lit = NULL;
        out->konst = a.konst && b.konst;
        if (out->r < 0) return oom(x);
        return out->konst && !dbl ? const_arith(x, start, e) : WEIR_OK;
    }
bad:
    return err_at(x->err, WEIR_ERROR, e->line, e->col, "cannot apply %s to %s and %s",
                  e->op == OP_ADD ? "+" : e->op == OP_SUB ? "-" : e->op == OP_MUL ? "*" : e->op == OP_DIV ? "/" : "%",
                  type_name(a.t), type_name(b.t));
}

static int compile_compare_regs(Xc *x, int aop, Reg *a, Reg *b, const AstNode *ea, const AstNode *eb,
                                const AstNode *at, Reg *out)
{
    int rc;
    TypeId t = common_type(a->t, b->t);
    if (t == TYPE_NULL) {
        if (a->t == TYPE_TIMESTAMP && b->t == TYPE_VARCHAR) t = TYPE_TIMESTAMP;
        else if (b->t == TYPE_TIMESTAMP && a->t == TYPE_VARCHAR) t = TYPE_TIMESTAMP;
        else if (a->t == TYPE_NULL && b->t == TYPE_NULL) t = TYPE_BIGINT;
        else
            return err_at(x->err, WEIR_ERROR, at->line, at->col, "cannot compare %s with %s", type_name(a->t),
                          type_name(b->t));
    }
    if ((rc = convert(x, a, t, ea)) || (rc = convert(x, b, t, eb))) return rc;
    int base;
    if (t == TYPE_DOUBLE) base = X_EQ_D;
    else if (t == TYPE_VARCHAR) base = X_EQ_S;
    else base = X_EQ_I;
    int off = aop - OP_EQ; /* EQ NE LT LE GT GE in order */
    out->r = emit(x, (ExprOpcode)(base + off), a->r, b->r, TYPE_BOOLEAN);
    out->t = TYPE_BOOLEAN;
    out->lit = NULL;
    out->konst = false;
    return out->r < 0 ? oom(x) : WEIR_OK;
}

static int compile_compare(Xc *x, const AstNode *e, Reg *out)
{
    Reg a, b;
    int rc;
    if ((rc = compile(x, e->a, &a)) || (rc = compile(x, e->b, &b))) return rc;
    return compile_compare_regs(x, e->op, &a, &b, e->a, e->b, e, out);
}

static int need_bool(Xc *x, const Reg *r, const AstNode *at, const char *what)
{
    if (r->t == TYPE_BOOLEAN || r->t == TYPE_NULL) return WEIR_OK;
    return err_at(x->err, WEIR_ERROR, at->line, at->col, "%s expects BOOLEAN, not %s", what, type_name(r->t));
}

static int compile_logic(Xc *x, const AstNode *e, Reg *out)
{
    Reg a, b;
    int rc;
    const char *what = e->op == OP_AND ? "AND" : "OR";
    if ((rc = compile(x, e->a, &a)) || (rc = need_bool(x, &a, e->a, what))) return rc;
    if ((rc = compile(x, e->b, &b)) || (rc = need_bool(x, &b, e->b, what))) return rc;
    out->r = emit(x, e->op == OP_AND ? X_AND : X_OR, a.r, b.r, TYPE_BOOLEAN);
    out->t = TYPE_BOOLEAN;
    out->lit = NULL;
    out->konst = false;
    return WEIR_OK;
}

static int unary(Xc *x, ExprOpcode op, Reg *a, TypeId t, Reg *out)
{
    out->r = emit(x, op, a->r, 0, t);
    out->t = t;
    out->lit = NULL;
    out->konst = false;
    return out->r < 0 ? oom(x) : WEIR_OK;
}

/* CASE and COALESCE: result in one register written by X_MOVE on each branch. */
static int compile_case(Xc *x, const AstNode *e, Reg *out)
{
    int rc = WEIR_OK;
    AstList *l = e->list;
    int npairs = l ? l->n / 2 : 0;
    /* First pass: types of the THEN/ELSE branches decide the result type. */
    TypeId t = TYPE_NULL;
    Reg operand = {0};
    if (e->a && (rc = compile(x, e->a, &operand))) return rc;
    int *jumps_end = calloc((size_t)npairs + 1, sizeof(int));
    if (!jumps_end) return oom(x);
    /* Determine the type by compiling branches into a scratch compiler. */
    {
        Xc scratch = {.arena = x->arena, .scope = x->scope, .err = x->err};
        for (int i = 0; i < npairs && !rc; i++) {
            Reg r;
            if (!(rc = compile(&scratch, l->items[2 * i + 1], &r))) {
                TypeId c = common_type(t, r.t);
                if (c == TYPE_NULL && t != TYPE_NULL && r.t != TYPE_NULL)
                    rc = err_at(x->err, WEIR_ERROR, l->items[2 * i + 1]->line, l->items[2 * i + 1]->col,
                                "CASE branches have different types: %s and %s", type_name(t), type_name(r.t));
                else t = c;
            }
        }
        if (!rc && e->c) {
            Reg r;
            if (!(rc = compile(&scratch, e->c, &r))) {
                TypeId c = common_type(t, r.t);
                if (c == TYPE_NULL && t != TYPE_NULL && r.t != TYPE_NULL)
                    rc = err_at(x->err, WEIR_ERROR, e->c->line, e->c->col,
                                "CASE branches have different types: %s and %s", type_name(t), type_name(r.t));
                else t = c;
            }
        }
        free(scratch.code);
        free(scratch.consts);
        if (rc) {
            free(jumps_end);
            return rc;
        }
    }
    int result = x->nregs++;
    for (int i = 0; i < npairs; i++) {
        Reg cond, val;
        if (e->a) {
            Reg w;
            if ((rc = compile(x, l->items[2 * i], &w))) goto done;
            Reg opnd = operand;
            if ((rc = compile_compare_regs(x, OP_EQ, &opnd, &w, e->a, l->items[2 * i], l->items[2 * i], &cond))) goto done;
        } else {
            if ((rc = compile(x, l->items[2 * i], &cond)) || (rc = need_bool(x, &cond, l->items[2 * i], "WHEN"))) goto done;
        }
        int jnext = x->n;
        emit(x, X_JUMP_IF_NOT_TRUE, 0, cond.r, TYPE_NULL);
        if ((rc = compile(x, l->items[2 * i + 1], &val)) || (rc = convert(x, &val, t, l->items[2 * i + 1]))) goto done;
        emit(x, X_MOVE, val.r, 0, t);
        x->code[x->n - 1].dst = (uint16_t)result;
        x->nregs--;
        jumps_end[i] = x->n;
        emit(x, X_JUMP, 0, 0, TYPE_NULL);
        x->code[jnext].a = x->n;
    }
    if (e->c) {
        Reg val;
        if ((rc = compile(x, e->c, &val)) || (rc = convert(x, &val, t, e->c))) goto done;
        emit(x, X_MOVE, val.r, 0, t);
    } else {
        emit(x, X_NULL, 0, 0, t);
    }
    x->code[x->n - 1].dst = (uint16_t)result;
    x->nregs--;
    for (int i = 0; i < npairs; i++) x->code[jumps_end[i]].a = x->n;
    out->r = result;
    out->t = t == TYPE_NULL ? TYPE_NULL : t;
    out->lit = NULL;
done:
    free(jumps_end);
    return rc;
}

static int compile_call(Xc *x, const AstNode *e, Reg *out)
{
    const char *name = e->str;
    int nargs = e->list ? e->list->n : 0;
    int rc;
    if (ast_is_aggregate(e))
        return err_at(x->err, WEIR_ERROR, e->line, e->col, "aggregate %s is not allowed here", name);
    if (!strcmp(name, "PROCTIME")) {
        if (nargs) return err_at(x->err, WEIR_ERROR, e->line, e->col, "PROCTIME() takes no arguments");
        /* The row already carries its processing time (a source's `pt AS
         * PROCTIME()`, or a view's): read it, so a row is stamped once and every
         * PROCTIME() of a row agrees (the simulated clock of tests advances once
         * a row).  Otherwise the Calc running this program stamps the row. */
        for (int c = 0; !x->scope->match && c < x->scope->ncols; c++)
            if (x->scope->cols[c].proctime && !x->scope->cols[c].unusable) {
                out->r = emit(x, X_COL, c, 0, TYPE_TIMESTAMP);
                out->t = TYPE_TIMESTAMP;
                return out->r < 0 ? oom(x) : WEIR_OK;
            }
        return call_fn(x, fn_proctime, 0, 0, TYPE_TIMESTAMP, out);
    }
    if (!strcmp(name, "COALESCE")) {
        if (nargs < 1) return err_at(x->err, WEIR_ERROR, e->line, e->col, "COALESCE needs at least one argument");
        /* As CASE WHEN a IS NOT NULL THEN a ... : compile as a CASE-like chain. */
        Reg *args = calloc((size_t)nargs, sizeof(Reg));
        if (!args) return oom(x);
        TypeId t = TYPE_NULL;
        for (int i = 0; i < nargs && !(rc = compile(x, e->list->items[i], &args[i])); i++) {
            TypeId c = common_type(t, args[i].t);
            if (c == TYPE_NULL && t != TYPE_NULL && args[i].t != TYPE_NULL)
                rc = err_at(x->err, WEIR_ERROR, e->list->items[i]->line, e->list->items[i]->col,
                            "COALESCE arguments have different types: %s and %s", type_name(t), type_name(args[i].t));
            else t = c;
            if (rc) break;
        }
        if (!rc)
            for (int i = 0; i < nargs && !rc; i++) rc = convert(x, &args[i], t, e->list->items[i]);
        if (rc) {
            free(args);
            return rc;
        }
        int result = x->nregs++;
        int *jumps = calloc((size_t)nargs, sizeof(int));
        for (int i = 0; i < nargs; i++) {
            emit(x, X_MOVE, args[i].r, 0, t);
            x->code[x->n - 1].dst = (uint16_t)result;
            x->nregs--;
            jumps[i] = x->n;
            emit(x, X_JUMP_IF_NOT_NULL, 0, result, TYPE_NULL);
        }
        for (int i = 0; i < nargs; i++) x->code[jumps[i]].a = x->n;
        free(jumps);
        free(args);
        out->r = result;
        out->t = t;
        out->lit = NULL;
        return WEIR_OK;
    }
    if (!strcmp(name, "NULLIF")) return compile_nullif(x, e, out);
    if (!strcmp(name, "TRIM")) return compile_trim(x, e, out);
    const FuncDef *f = func_lookup(name);
    if (!f) {
        static const char *const windowy[] = {"TUMBLE", "HOP", "SESSION", "CUMULATE", "TUMBLE_START", "TUMBLE_END",
                                              "TUMBLE_ROWTIME", "HOP_START", "HOP_END", "HOP_ROWTIME",
                                              "SESSION_START", "SESSION_END", "SESSION_ROWTIME"};
        for (size_t i = 0; i < sizeof windowy / sizeof *windowy; i++)
            if (!strcmp(name, windowy[i]))
                return err_at(x->err, WEIR_ERROR, e->line, e->col,
                              "%s is only allowed with a matching window in GROUP BY", name);
        const char *near = func_suggest(name);
        if (near)
            return err_at(x->err, WEIR_ERROR, e->line, e->col, "unknown function %s; did you mean %s?", name, near);
        return err_at(x->err, WEIR_ERROR, e->line, e->col, "unknown function %s", name);
    }
    if (nargs < f->min_args || nargs > f->max_args) {
        if (f->min_args == f->max_args)
            return err_at(x->err, WEIR_ERROR, e->line, e->col, "%s takes %d argument%s, not %d", name, f->min_args,
                          f->min_args == 1 ? "" : "s", nargs);
        return err_at(x->err, WEIR_ERROR, e->line, e->col, "%s takes %d to %d arguments, not %d", name, f->min_args,
                      f->max_args, nargs);
    }
    Reg args[64];
    TypeId types[64], want[64];
    int start = x->n;
    bool all_konst = nargs > 0;
    for (int i = 0; i < nargs; i++) {
        if ((rc = compile(x, e->list->items[i], &args[i]))) return rc;
        types[i] = args[i].t;
        want[i] = TYPE_NULL;
        all_konst = all_konst && args[i].konst;
    }
    TypeId result;
    int bad = 0;
    const char *why = f->check(types, nargs, want, &result, &bad);
    if (why) {
        const AstNode *at = e->list->items[bad];
        return err_at(x->err, WEIR_ERROR, at->line, at->col, "%s %s, not %s", name, why, type_name(types[bad]));
    }
    /* A literal pattern or precision is checked now: a mistake in it is an SQL error. */
    if ((!strcmp(name, "DATE_FORMAT") || !strcmp(name, "TO_TIMESTAMP")) && nargs > 1 &&
        e->list->items[1]->kind == AST_STRING &&
        func_check_java_pattern(e->list->items[1]->str, (size_t)e->list->items[1]->ival))
        return err_at(x->err, WEIR_ERROR, e->list->items[1]->line, e->list->items[1]->col,
                      "%s: unsupported pattern '%s' (letters y M d H h m s S a E D and 'quoted text')", name,
                      e->list->items[1]->str);
    if (!strcmp(name, "TO_TIMESTAMP_LTZ") && nargs > 1 && e->list->items[1]->kind == AST_INT &&
        e->list->items[1]->ival != 0 && e->list->items[1]->ival != 3)
        return err_at(x->err, WEIR_ERROR, e->list->items[1]->line, e->list->items[1]->col,
                      "TO_TIMESTAMP_LTZ precision must be 0 (seconds) or 3 (milliseconds), not %lld",
                      (long long)e->list->items[1]->ival);
    for (int i = 0; i < nargs; i++)
        if ((rc = convert(x, &args[i], want[i], e->list->items[i]))) return rc;
    /* Arguments must sit in consecutive registers: move them. */
    int first = x->nregs;
    for (int i = 0; i < nargs; i++)
        if (emit(x, X_MOVE, args[i].r, 0, args[i].t) < 0) return oom(x);
    ExprFn fn = func_impl(f, types);
    if (all_konst) {
        bool ok;
        if ((rc = const_check(x, start, fn, first, nargs, e, &ok))) return rc;
        all_konst = ok;
    }
    if ((rc = call_fn(x, fn, first, nargs, result, out))) return rc;
    out->konst = all_konst;
    return WEIR_OK;
}

/* Emits fn over the registers of args[0..n) moved into consecutive registers. */
static int call_regs(Xc *x, ExprFn fn, const Reg *args, int n, TypeId t, Reg *out)
{
    int first = x->nregs;
    for (int i = 0; i < n; i++)
        if (emit(x, X_MOVE, args[i].r, 0, args[i].t) < 0) return oom(x);
    return call_fn(x, fn, first, n, t, out);
}

/* NULLIF(a, b): NULL when a = b, else a (CASE WHEN a = b THEN NULL ELSE a END). */
static int compile_nullif(Xc *x, const AstNode *e, Reg *out)
{
    int rc;
    if (!e->list || e->list->n != 2)
        return err_at(x->err, WEIR_ERROR, e->line, e->col, "NULLIF takes 2 arguments, not %d", e->list ? e->list->n : 0);
    Reg a, b, eq;
    if ((rc = compile(x, e->list->items[0], &a)) || (rc = compile(x, e->list->items[1], &b))) return rc;
    Reg a2 = a;
    if ((rc = compile_compare_regs(x, OP_EQ, &a2, &b, e->list->items[0], e->list->items[1], e, &eq))) return rc;
    TypeId t = a.t == TYPE_NULL ? b.t : a.t;
    if ((rc = convert(x, &a, t, e->list->items[0]))) return rc;
    int result = x->nregs++;
    int j = x->n;
    if (emit(x, X_JUMP_IF_NOT_TRUE, 0, eq.r, TYPE_NULL) < 0) return oom(x);
    if (emit(x, X_NULL, 0, 0, t) < 0) return oom(x);
    x->code[x->n - 1].dst = (uint16_t)result;
    x->nregs--;
    int jend = x->n;
    if (emit(x, X_JUMP, 0, 0, TYPE_NULL) < 0) return oom(x);
    x->code[j].a = x->n;
    if (emit(x, X_MOVE, a.r, 0, t) < 0) return oom(x);
    x->code[x->n - 1].dst = (uint16_t)result;
    x->nregs--;
    x->code[jend].a = x->n;
    out->r = result;
    out->t = t;
    out->lit = NULL;
    out->konst = false;
    return WEIR_OK;
}

/* TRIM([BOTH|LEADING|TRAILING] [chars] FROM s): chars defaults to ' '. */
static int compile_trim(Xc *x, const AstNode *e, Reg *out)
{
    int rc, n = e->list ? e->list->n : 0;
    if (n < 1 || n > 2) return err_at(x->err, WEIR_ERROR, e->line, e->col, "TRIM takes 1 or 2 arguments, not %d", n);
    Reg args[3];
    for (int i = 0; i < n; i++) {
        const AstNode *it = e->list->items[i];
        if ((rc = compile(x, it, &args[i]))) return rc;
        if (args[i].t != TYPE_VARCHAR && args[i].t != TYPE_NULL)
            return err_at(x->err, WEIR_ERROR, it->line, it->col, "TRIM expects VARCHAR, not %s", type_name(args[i].t));
    }
    Value v;
    memset(&v, 0, sizeof v);
    if (n == 1) {
        v.u.s = " ";
        v.len = 1;
        if ((rc = const_reg(x, v, TYPE_VARCHAR, &args[1]))) return rc;
        v.len = 0;
    }
    v.u.i = e->ival;
    if ((rc = const_reg(x, v, TYPE_BIGINT, &args[2]))) return rc;
    if ((rc = call_regs(x, fn_trim, args, 3, TYPE_VARCHAR, out))) return rc;
    out->konst = args[0].konst && args[1].konst;
    return WEIR_OK;
}

/* EXTRACT(unit FROM ts) and FLOOR/CEIL(ts TO unit): ts and the unit as a constant. */
static int compile_time_unit(Xc *x, const AstNode *e, Reg *out)
{
    int rc;
    Reg args[2];
    const char *what = e->kind == AST_EXTRACT ? "EXTRACT" : e->kind == AST_FLOOR_TO ? "FLOOR" : "CEIL";
    if ((rc = compile(x, e->a, &args[0]))) return rc;
    if (args[0].t != TYPE_TIMESTAMP && args[0].t != TYPE_NULL)
        return err_at(x->err, WEIR_ERROR, e->a->line, e->a->col, "%s expects TIMESTAMP(3), not %s", what,
                      type_name(args[0].t));
    args[0].t = TYPE_TIMESTAMP;
    if (e->kind != AST_EXTRACT && (e->ival == UNIT_DOW || e->ival == UNIT_DOY || e->ival == UNIT_EPOCH))
        return err_at(x->err, WEIR_ERROR, e->line, e->col, "%s(... TO unit) takes MILLISECOND, SECOND, MINUTE, HOUR, "
                      "DAY, WEEK, MONTH, QUARTER or YEAR", what);
    Value v;
    memset(&v, 0, sizeof v);
    v.u.i = e->ival;
    if ((rc = const_reg(x, v, TYPE_BIGINT, &args[1]))) return rc;
    ExprFn fn = e->kind == AST_EXTRACT ? fn_extract : e->kind == AST_FLOOR_TO ? fn_floor_ts : fn_ceil_ts;
    return call_regs(x, fn, args, 2, e->kind == AST_EXTRACT ? TYPE_BIGINT : TYPE_TIMESTAMP, out);
}

static int compile(Xc *x, const AstNode *e, Reg *out)
{
    int rc, col;
    out->lit = NULL;
    out->konst = false;
    if (x->scope->match) {
        int m = x->scope->match(x->scope, e, &col, x->err);
        if (m < 0) return x->err->code;
        if (m > 0) {
            out->r = emit(x, X_COL, col, 0, x->scope->cols[col].type);
            out->t = x->scope->cols[col].type;
            return WEIR_OK;
        }
    }
    Value v;
    memset(&v, 0, sizeof v);
    switch (e->kind) {
    case AST_INT:
        if (e->negated)   /* 9223372036854775808 without a minus before it (ast_int) */
            return err_at(x->err, WEIR_ERROR, e->line, e->col, "integer literal 9223372036854775808 is too large for BIGINT");
        v.u.i = e->ival;
        rc = const_reg(x, v, TYPE_BIGINT, out);
        out->lit = e;
        return rc;
    case AST_DOUBLE: v.u.d = e->dval; rc = const_reg(x, v, TYPE_DOUBLE, out); out->lit = e; return rc;
    case AST_BOOL: v.u.i = e->ival; return const_reg(x, v, TYPE_BOOLEAN, out);
    case AST_NULL: v.null = 1; return const_reg(x, v, TYPE_NULL, out);
    case AST_TIMESTAMP: v.u.i = e->ival; return const_reg(x, v, TYPE_TIMESTAMP, out);
    case AST_INTERVAL: v.u.i = e->ival; return const_reg(x, v, TYPE_INTERVAL, out);
    case AST_STRING:
        v.u.s = arena_strndup(x->arena, e->str, (size_t)e->ival);
        v.len = (uint32_t)e->ival;
        if (!v.u.s) return oom(x);
        rc = const_reg(x, v, TYPE_VARCHAR, out);
        out->lit = e;
        return rc;
    case AST_COLUMN:
        col = scope_resolve(x->scope, e, x->err);
        if (col < 0) return x->err->code;
        out->r = emit(x, X_COL, col, 0, x->scope->cols[col].type);
        out->t = x->scope->cols[col].type;
        return WEIR_OK;
    case AST_STAR:
        return err_at(x->err, WEIR_ERROR, e->line, e->col, "* is not allowed here");
    case AST_UNARY: {
        Reg a;
        int start = x->n;
        if ((rc = compile(x, e->a, &a))) return rc;
        if (e->op == OP_NOT) {
            if ((rc = need_bool(x, &a, e->a, "NOT"))) return rc;
            return unary(x, X_NOT, &a, TYPE_BOOLEAN, out);
        }
        if (a.t == TYPE_INTERVAL && e->op == OP_NEG) return unary(x, X_NEG_I, &a, TYPE_INTERVAL, out);
        if (!type_is_numeric(a.t) && a.t != TYPE_NULL)
            return err_at(x->err, WEIR_ERROR, e->line, e->col, "cannot apply unary %s to %s",
                          e->op == OP_NEG ? "-" : "+", type_name(a.t));
        if (e->op == OP_PLUS) {
            *out = a;
            return WEIR_OK;
        }
        rc = unary(x, a.t == TYPE_DOUBLE ? X_NEG_D : X_NEG_I, &a, a.t == TYPE_NULL ? TYPE_BIGINT : a.t, out);
        out->konst = a.konst;
        if (!rc && a.konst && a.t != TYPE_DOUBLE) rc = const_arith(x, start, e);
        return rc;
    }
    case AST_BINARY:
        switch (e->op) {
        case OP_ADD: case OP_SUB: case OP_MUL: case OP_DIV: case OP_MOD: return compile_arith(x, e, out);
        case OP_EQ: case OP_NE: case OP_LT: case OP_LE: case OP_GT: case OP_GE: return compile_compare(x, e, out);
        case OP_AND: case OP_OR: return compile_logic(x, e, out);
        case OP_CONCAT: {
            Reg a, b;
            if ((rc = compile(x, e->a, &a)) || (rc = convert(x, &a, TYPE_VARCHAR, e->a))) return rc;
            if ((rc = compile(x, e->b, &b)) || (rc = convert(x, &b, TYPE_VARCHAR, e->b))) return rc;
            int first = x->nregs;
            emit(x, X_MOVE, a.r, 0, TYPE_VARCHAR);
            emit(x, X_MOVE, b.r, 0, TYPE_VARCHAR);
            return call_fn(x, func_impl(func_lookup("CONCAT"), NULL), first, 2, TYPE_VARCHAR, out);
        }
        default: break;
        }
        break;
    case AST_IS_NULL: {
        Reg a;
        if ((rc = compile(x, e->a, &a))) return rc;
        return unary(x, e->negated ? X_IS_NOT_NULL : X_IS_NULL, &a, TYPE_BOOLEAN, out);
    }
    case AST_IS_BOOL: {
        Reg a, r;
        if ((rc = compile(x, e->a, &a)) || (rc = need_bool(x, &a, e->a, "IS TRUE/FALSE"))) return rc;
        if ((rc = unary(x, e->ival ? X_IS_TRUE : X_IS_FALSE, &a, TYPE_BOOLEAN, &r))) return rc;
        if (!e->negated) {
            *out = r;
            return WEIR_OK;
        }
        return unary(x, X_NOT, &r, TYPE_BOOLEAN, out);
    }
    case AST_BETWEEN: {
        /* a BETWEEN b AND c  ==  a >= b AND a <= c */
        Reg a, b, c, lo, hi, both;
        if ((rc = compile(x, e->a, &a)) || (rc = compile(x, e->b, &b)) || (rc = compile(x, e->c, &c))) return rc;
        Reg a2 = a;
        if ((rc = compile_compare_regs(x, OP_GE, &a, &b, e->a, e->b, e, &lo))) return rc;
        if ((rc = compile_compare_regs(x, OP_LE, &a2, &c, e->a, e->c, e, &hi))) return rc;
        both.r = emit(x, X_AND, lo.r, hi.r, TYPE_BOOLEAN);
        both.t = TYPE_BOOLEAN;
        both.lit = NULL;
        both.konst = false;
        if (!e->negated) {
            *out = both;
            return WEIR_OK;
        }
        return unary(x, X_NOT, &both, TYPE_BOOLEAN, out);
    }
    case AST_IN: {
        /* a IN (x, y)  ==  a = x OR a = y (three-valued, as SQL says) */
        Reg a, acc = {0};
        if ((rc = compile(x, e->a, &a))) return rc;
        for (int i = 0; i < e->list->n; i++) {
            Reg item, eq, a2 = a;
            if ((rc = compile(x, e->list->items[i], &item))) return rc;
            if ((rc = compile_compare_regs(x, OP_EQ, &a2, &item, e->a, e->list->items[i], e->list->items[i], &eq)))
                return rc;
            if (i == 0) acc = eq;
            else {
                acc.r = emit(x, X_OR, acc.r, eq.r, TYPE_BOOLEAN);
                acc.t = TYPE_BOOLEAN;
            }
        }
        if (!e->negated) {
            *out = acc;
            return WEIR_OK;
        }
        return unary(x, X_NOT, &acc, TYPE_BOOLEAN, out);
    }
    case AST_LIKE: {
        Reg a, p, esc = {0};
        if ((rc = compile(x, e->a, &a)) || (rc = convert(x, &a, TYPE_VARCHAR, e->a))) return rc;
        if ((rc = compile(x, e->b, &p)) || (rc = convert(x, &p, TYPE_VARCHAR, e->b))) return rc;
        if (e->c && ((rc = compile(x, e->c, &esc)) || (rc = convert(x, &esc, TYPE_VARCHAR, e->c)))) return rc;
        int first = x->nregs;
        emit(x, X_MOVE, a.r, 0, TYPE_VARCHAR);
        emit(x, X_MOVE, p.r, 0, TYPE_VARCHAR);
        if (e->c) emit(x, X_MOVE, esc.r, 0, TYPE_VARCHAR);
        Reg r;
        if ((rc = call_fn(x, fn_like, first, e->c ? 3 : 2, TYPE_BOOLEAN, &r))) return rc;
        if (!e->negated) {
            *out = r;
            return WEIR_OK;
        }
        return unary(x, X_NOT, &r, TYPE_BOOLEAN, out);
    }
    case AST_CASE: return compile_case(x, e, out);
    case AST_CAST: {
        /* A literal operand is cast now: a value that does not convert is an SQL
         * error at the CAST; a row's value that does not is a data error. */
        Reg a;
        int start = x->n;
        if ((rc = compile(x, e->a, &a))) return rc;
        TypeId t = e->type.id;
        ExprFn fn = func_cast(a.t, t);
        if (!fn)
            return err_at(x->err, WEIR_ERROR, e->line, e->col, "cannot cast %s to %s", type_name(a.t), type_name(t));
        bool ok = false;
        if (a.konst && (rc = const_check(x, start, fn, a.r, 1, e, &ok))) return rc;
        if (a.lit && a.lit->kind == AST_STRING && t == TYPE_TIMESTAMP) {
            /* Fold: the timestamp becomes a constant (comparisons with it stay cheap). */
            int64_t ms;
            if (!time_parse_iso(a.lit->str, (size_t)a.lit->ival, &ms) ||
                !func_parse_default_ts(a.lit->str, (size_t)a.lit->ival, &ms)) {
                Value cv = {.u.i = ms};
                return const_reg(x, cv, TYPE_TIMESTAMP, out);
            }
        }
        if ((rc = call_fn(x, fn, a.r, 1, t, out))) return rc;
        out->konst = ok;
        if (t == TYPE_VARCHAR && e->type.len > 0) {
            /* CAST(x AS VARCHAR(n)) keeps the first n characters (Flink 1.15+). */
            Reg args[3] = {*out};
            Value v;
            memset(&v, 0, sizeof v);
            v.u.i = 1;
            if ((rc = const_reg(x, v, TYPE_BIGINT, &args[1]))) return rc;
            v.u.i = e->type.len;
            if ((rc = const_reg(x, v, TYPE_BIGINT, &args[2]))) return rc;
            if ((rc = call_regs(x, func_impl(func_lookup("SUBSTRING"), NULL), args, 3, TYPE_VARCHAR, out))) return rc;
            out->konst = ok;
        }
        return WEIR_OK;
    }
    case AST_EXTRACT:
    case AST_FLOOR_TO:
    case AST_CEIL_TO: return compile_time_unit(x, e, out);
    case AST_CALL: return compile_call(x, e, out);
    default: break;
    }
    return err_at(x->err, WEIR_ERROR, e->line, e->col, "this expression is not supported yet");
}

int xc_compile(Arena *a, const Scope *scope, const AstNode *e, ExprProg *out, WeirError *err)
{
    Xc x = {.arena = a, .scope = scope, .err = err};
    Reg r;
    int rc = compile(&x, e, &r);
    if (!rc) {
        memset(out, 0, sizeof *out);
        out->n = x.n;
        out->nconsts = x.nconsts;
        out->nregs = x.nregs;
        out->result = r.r;
        out->type = r.t == TYPE_NULL ? TYPE_VARCHAR : r.t;
        out->code = arena_alloc(a, (size_t)(x.n ? x.n : 1) * sizeof(ExprInstr));
        out->consts = arena_alloc(a, (size_t)(x.nconsts ? x.nconsts : 1) * sizeof(Value));
        if (!out->code || !out->consts) rc = err_set(err, WEIR_NOMEM, "out of memory");
        else {
            if (x.n) memcpy(out->code, x.code, (size_t)x.n * sizeof(ExprInstr));
            if (x.nconsts) memcpy(out->consts, x.consts, (size_t)x.nconsts * sizeof(Value));
        }
    }
    free(x.code);
    free(x.consts);
    return rc;
}

int xc_column(Arena *a, int col, TypeId type, ExprProg *out)
{
    memset(out, 0, sizeof *out);
    out->code = arena_alloc(a, sizeof(ExprInstr));
    out->consts = arena_alloc(a, sizeof(Value));
    if (!out->code || !out->consts) return WEIR_NOMEM;
    out->code[0].op = X_COL;
    out->code[0].dst = 0;
    out->code[0].a = col;
    out->code[0].type = type;
    out->n = 1;
    out->nregs = 1;
    out->result = 0;
    out->type = type;
    return WEIR_OK;
}
