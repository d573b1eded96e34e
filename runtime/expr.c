/*
 * expr.c - the expression machine (see expr.h) and value helpers shared by
 * every operator: comparison, grouping equality, hashing, text form.
 */
#include "expr.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "weir.h"

int value_compare(TypeId t, const Value *a, const Value *b)
{
    switch (t) {
    case TYPE_DOUBLE:
        return a->u.d < b->u.d ? -1 : a->u.d > b->u.d ? 1 : 0;
    case TYPE_VARCHAR: {
        size_t n = a->len < b->len ? a->len : b->len;
        int c = n ? memcmp(a->u.s, b->u.s, n) : 0;
        if (c) return c < 0 ? -1 : 1;
        return a->len < b->len ? -1 : a->len > b->len ? 1 : 0;
    }
    default:
        return a->u.i < b->u.i ? -1 : a->u.i > b->u.i ? 1 : 0;
    }
}

int value_group_equal(TypeId t, const Value *a, const Value *b)
{
    if (a->null || b->null) return a->null == b->null;
    if (t == TYPE_DOUBLE) return a->u.d == b->u.d || (isnan(a->u.d) && isnan(b->u.d));
    if (t == TYPE_VARCHAR) return a->len == b->len && (a->len == 0 || memcmp(a->u.s, b->u.s, a->len) == 0);
    return a->u.i == b->u.i;
}

static inline uint64_t mix64(uint64_t x)
{
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ULL;
    x ^= x >> 33;
    return x;
}

uint64_t value_hash(TypeId t, const Value *v)
{
    if (v->null) return 0x9e3779b97f4a7c15ULL;
    if (t == TYPE_VARCHAR) {
        /* Eight bytes at a time, each word mixed in by multiply-xorshift. */
        const unsigned char *p = (const unsigned char *)v->u.s;
        uint32_t n = v->len;
        uint64_t h = 0x9e3779b97f4a7c15ULL ^ n;
        while (n >= 8) {
            uint64_t w;
            memcpy(&w, p, 8);
            h = (h ^ w) * 0xbf58476d1ce4e5b9ULL;
            h ^= h >> 29;
            p += 8;
            n -= 8;
        }
        uint64_t w = 0;
        if (n) memcpy(&w, p, n);
        h = (h ^ w) * 0x94d049bb133111ebULL;
        return mix64(h);
    }
    if (t == TYPE_DOUBLE) {
        double d = v->u.d == 0 ? 0.0 : v->u.d; /* -0.0 groups with 0.0 */
        uint64_t bits;
        memcpy(&bits, &d, sizeof bits);
        return mix64(bits);
    }
    return mix64((uint64_t)v->u.i);
}

size_t value_to_text(TypeId t, const Value *v, char *buf, const char **out)
{
    *out = buf;
    if (v->null) {
        buf[0] = 0;
        return 0;
    }
    switch (t) {
    case TYPE_VARCHAR:
        *out = v->u.s;
        return v->len;
    case TYPE_DOUBLE:
        return (size_t)double_format(v->u.d, buf);
    case TYPE_TIMESTAMP:
        return (size_t)time_format_iso(v->u.i, buf);
    case TYPE_BOOLEAN:
        strcpy(buf, v->u.i ? "true" : "false");
        return v->u.i ? 4 : 5;
    default: {
        /* Digits backwards, without printf: this is the output hot path. */
        char tmp[24];
        int n = 0;
        uint64_t u = v->u.i < 0 ? 0 - (uint64_t)v->u.i : (uint64_t)v->u.i;
        do {
            tmp[n++] = (char)('0' + u % 10);
            u /= 10;
        } while (u);
        size_t len = 0;
        if (v->u.i < 0) buf[len++] = '-';
        while (n) buf[len++] = tmp[--n];
        buf[len] = 0;
        return len;
    }
    }
}

static int data_error(ExprCtx *ctx, const char *msg)
{
    err_set(ctx->err, WEIR_DATA, "%s", msg);
    return -1;
}

/* The data error of an integer operation whose exact result does not fit its
 * type (in->type: BIGINT, INT, TIMESTAMP or INTERVAL); x and y are the operands
 * (y unused for a negation).  Off the hot path: only called on overflow. */
static __attribute__((cold, noinline)) int overflow_error(ExprCtx *ctx, const ExprInstr *in, const Value *x,
                                                          const Value *y)
{
    const char *sym = "?";
    switch ((ExprOpcode)in->op) {
    case X_ADD_I: case X_ADD_TS: sym = "+"; break;
    case X_SUB_I: case X_SUB_TS: sym = "-"; break;
    case X_MUL_I: sym = "*"; break;
    case X_DIV_I: sym = "/"; break;
    default: break;
    }
    TypeId t = in->type == TYPE_NULL ? TYPE_BIGINT : in->type;
    if (t == TYPE_TIMESTAMP) {
        /* TIMESTAMP +/- INTERVAL left years 0000..9999 (or int64, which
         * only an out-of-range operand could make it leave) */
        err_set(ctx->err, WEIR_DATA, "TIMESTAMP arithmetic: %lld %s %lld (epoch milliseconds) " TS_RANGE_MSG,
                (long long)x->u.i, sym, (long long)y->u.i);
        return -1;
    }
    const char *what = t == TYPE_INTERVAL ? "INTERVAL (milliseconds)" : type_name(t);
    if (in->op == X_NEG_I)
        err_set(ctx->err, WEIR_DATA, "integer overflow: -(%lld) is out of range for %s", (long long)x->u.i, what);
    else
        err_set(ctx->err, WEIR_DATA, "integer overflow: %lld %s %lld is out of range for %s", (long long)x->u.i, sym,
                (long long)y->u.i, what);
    return -1;
}

int expr_eval(const ExprProg *prog, const Value *row, ExprCtx *ctx, Value *out)
{
    Value *r = ctx->regs;
    const ExprInstr *code = prog->code;
    int pc = 0, n = prog->n;
    while (pc < n) {
        const ExprInstr *in = &code[pc++];
        Value *d = &r[in->dst];
        const Value *x = &r[in->a];
        const Value *y = &r[in->b];
        int64_t v;
        switch ((ExprOpcode)in->op) {
        case X_CONST: *d = prog->consts[in->a]; break;
        case X_COL: *d = row[in->a]; break;
        case X_MOVE: *d = *x; break;
        case X_NULL: d->null = 1; d->u.i = 0; d->len = 0; break;

        /* Integer arithmetic never wraps: a result outside int64 is a data error
         * (one flag test per operation).  Arithmetic results are BIGINT (the
         * compiler widens INT), TIMESTAMP or INTERVAL; only X_NEG_I keeps INT. */
#define BIN_NULL() if (x->null || y->null) { d->null = 1; break; } d->null = 0
        case X_ADD_I:
            BIN_NULL();
            if (__builtin_add_overflow(x->u.i, y->u.i, &v)) return overflow_error(ctx, in, x, y);
            d->u.i = v;
            break;
        case X_SUB_I:
            BIN_NULL();
            if (__builtin_sub_overflow(x->u.i, y->u.i, &v)) return overflow_error(ctx, in, x, y);
            d->u.i = v;
            break;
        /* TIMESTAMP +/- INTERVAL must also stay within years 0000..9999 (an
         * operand out of range could leave int64 too: checked first). */
        case X_ADD_TS:
            BIN_NULL();
            if (__builtin_add_overflow(x->u.i, y->u.i, &v) || !ts_valid(v)) return overflow_error(ctx, in, x, y);
            d->u.i = v;
            break;
        case X_SUB_TS:
            BIN_NULL();
            if (__builtin_sub_overflow(x->u.i, y->u.i, &v) || !ts_valid(v)) return overflow_error(ctx, in, x, y);
            d->u.i = v;
            break;
        case X_MUL_I:
            BIN_NULL();
            if (__builtin_mul_overflow(x->u.i, y->u.i, &v)) return overflow_error(ctx, in, x, y);
            d->u.i = v;
            break;
        case X_DIV_I:
            BIN_NULL();
            if (y->u.i == 0) return data_error(ctx, "division by zero");
            if (y->u.i == -1) {
                /* MIN / -1 is the one quotient that does not fit */
                if (__builtin_sub_overflow((int64_t)0, x->u.i, &v)) return overflow_error(ctx, in, x, y);
                d->u.i = v;
            } else {
                d->u.i = x->u.i / y->u.i;
            }
            break;
        case X_MOD_I:
            BIN_NULL();
            if (y->u.i == 0) return data_error(ctx, "division by zero");
            d->u.i = (y->u.i == -1) ? 0 : x->u.i % y->u.i; /* MIN % -1 is 0, exactly */
            break;
        case X_NEG_I:
            if (x->null) { d->null = 1; break; }
            if (__builtin_sub_overflow((int64_t)0, x->u.i, &v) ||
                (in->type == TYPE_INT && v > INT32_MAX))
                return overflow_error(ctx, in, x, NULL);
            d->null = 0;
            d->u.i = v;
            break;
        case X_ADD_D: BIN_NULL(); d->u.d = x->u.d + y->u.d; break;
        case X_SUB_D: BIN_NULL(); d->u.d = x->u.d - y->u.d; break;
        case X_MUL_D: BIN_NULL(); d->u.d = x->u.d * y->u.d; break;
        case X_DIV_D: BIN_NULL(); d->u.d = x->u.d / y->u.d; break;
        case X_MOD_D: BIN_NULL(); d->u.d = fmod(x->u.d, y->u.d); break;
        case X_NEG_D:
            if (x->null) { d->null = 1; break; }
            d->null = 0; d->u.d = -x->u.d;
            break;
        case X_I2D:
            if (x->null) { d->null = 1; break; }
            d->null = 0; d->u.d = (double)x->u.i;
            break;
        case X_D2I:
            if (x->null) { d->null = 1; break; }
            if (!(x->u.d >= -9223372036854775808.0 && x->u.d < 9223372036854775808.0))
                return data_error(ctx, "value out of range for BIGINT");
            d->null = 0; d->u.i = (int64_t)x->u.d;
            break;
        case X_CHECK_INT32:
            if (!x->null && (x->u.i < INT32_MIN || x->u.i > INT32_MAX))
                return data_error(ctx, "value out of range for INT");
            *d = *x;
            break;

#define CMP(T, OPR) BIN_NULL(); d->u.i = value_compare(T, x, y) OPR 0; break
        case X_EQ_I: BIN_NULL(); d->u.i = x->u.i == y->u.i; break;
        case X_NE_I: BIN_NULL(); d->u.i = x->u.i != y->u.i; break;
        case X_LT_I: BIN_NULL(); d->u.i = x->u.i < y->u.i; break;
        case X_LE_I: BIN_NULL(); d->u.i = x->u.i <= y->u.i; break;
        case X_GT_I: BIN_NULL(); d->u.i = x->u.i > y->u.i; break;
        case X_GE_I: BIN_NULL(); d->u.i = x->u.i >= y->u.i; break;
        case X_EQ_D: BIN_NULL(); d->u.i = x->u.d == y->u.d; break;
        case X_NE_D: BIN_NULL(); d->u.i = x->u.d != y->u.d; break;
        case X_LT_D: BIN_NULL(); d->u.i = x->u.d < y->u.d; break;
        case X_LE_D: BIN_NULL(); d->u.i = x->u.d <= y->u.d; break;
        case X_GT_D: BIN_NULL(); d->u.i = x->u.d > y->u.d; break;
        case X_GE_D: BIN_NULL(); d->u.i = x->u.d >= y->u.d; break;
        case X_EQ_S: CMP(TYPE_VARCHAR, ==);
        case X_NE_S: CMP(TYPE_VARCHAR, !=);
        case X_LT_S: CMP(TYPE_VARCHAR, <);
        case X_LE_S: CMP(TYPE_VARCHAR, <=);
        case X_GT_S: CMP(TYPE_VARCHAR, >);
        case X_GE_S: CMP(TYPE_VARCHAR, >=);
#undef CMP
#undef BIN_NULL

        case X_AND: {
            /* FALSE wins over NULL; NULL over TRUE. */
            int xf = !x->null && !x->u.i, yf = !y->null && !y->u.i;
            if (xf || yf) { d->null = 0; d->u.i = 0; }
            else if (x->null || y->null) { d->null = 1; d->u.i = 0; }
            else { d->null = 0; d->u.i = 1; }
            break;
        }
        case X_OR: {
            int xt = !x->null && x->u.i, yt = !y->null && y->u.i;
            if (xt || yt) { d->null = 0; d->u.i = 1; }
            else if (x->null || y->null) { d->null = 1; d->u.i = 0; }
            else { d->null = 0; d->u.i = 0; }
            break;
        }
        case X_NOT:
            if (x->null) { d->null = 1; break; }
            d->null = 0; d->u.i = !x->u.i;
            break;
        case X_IS_NULL: d->u.i = x->null; d->null = 0; break;
        case X_IS_NOT_NULL: d->u.i = !x->null; d->null = 0; break;
        case X_IS_TRUE: d->u.i = !x->null && x->u.i; d->null = 0; break;
        case X_IS_FALSE: d->u.i = !x->null && !x->u.i; d->null = 0; break;
        case X_JUMP: pc = in->a; break;
        case X_JUMP_IF_NOT_TRUE: if (!value_is_true(y)) pc = in->a; break;
        case X_JUMP_IF_NOT_NULL: if (!y->null) pc = in->a; break;
        case X_CALL: {
            Value res;
            memset(&res, 0, sizeof res);
            if (in->fn(ctx, &r[in->a], in->b, &res) != 0) return -1;
            *d = res;
            break;
        }
        }
    }
    *out = r[prog->result];
    return 0;
}
