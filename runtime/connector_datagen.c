/*
 * connector_datagen.c - the 'datagen' connector: rows made up from options,
 * deterministic for a seed, for tests, demos and benchmarks.
 *
 * It sits where connector_file.c sits: source_open finds it by name and the
 * pipeline pulls batches from it.  It produces the physical columns of the
 * CREATE SOURCE; computed columns and the watermark happen downstream.
 *
 * Options (keys are lower-case; a column name in fields.<col>.* matches the
 * column case-insensitively):
 *   number-of-rows       total rows; unbounded when absent (a LIMIT ends the query)
 *   rows-per-second      throttle; unthrottled when absent
 *   seed                 64-bit integer; default 0, so a source without a seed is
 *                        deterministic too (unlike Flink, which seeds from the clock)
 *   fields.<col>.kind    random | sequence
 *   fields.<col>.min     lower bound (TIMESTAMP: 'YYYY-MM-DD HH:MM:SS[.fff]' or epoch ms)
 *   fields.<col>.max     upper bound, inclusive
 *   fields.<col>.length  VARCHAR length of random strings (default 100, as Flink)
 *   fields.<col>.values  comma-separated set: random picks one uniformly, sequence
 *                        cycles through them in order (spaces around items trimmed)
 *   fields.<col>.step    weir extension: the increment of a sequence (default 1;
 *                        TIMESTAMP: milliseconds)
 *   fields.<col>.null-rate  weir extension (Flink has it too): the share of NULLs, 0..1
 * format and on_error are accepted and ignored (datagen rows are never malformed);
 * any other key is an error, so a typo cannot silently make a stream unbounded.
 *
 * Defaults per type (random unless said otherwise):
 *   BOOLEAN  random true/false
 *   INT      random over the whole INT range;  BIGINT: the whole BIGINT range
 *   DOUBLE   random in [min, max), default [0, 1)
 *   VARCHAR  random lower-case hex strings of `length` characters
 *   TIMESTAMP a SEQUENCE from 2024-01-01 00:00:00.000 advancing 1 ms per row (Flink
 *            gives the current time; a fixed start keeps runs reproducible).  A
 *            random TIMESTAMP without bounds is uniform over the year 2024.
 * A sequence runs from min (default 0; TIMESTAMP 2024-01-01) by step to max
 * (default: the type's largest value; TIMESTAMP 9999-12-31 23:59:59.999); like
 * Flink, the source ends when a sequence is used up (after max), or after
 * number-of-rows, whichever is first.  TIMESTAMP min, max and values must lie in
 * years 0000..9999 (an error at CREATE/open otherwise), so a TIMESTAMP sequence
 * never steps out of the range: it ends at its last value inside it.
 * A sequence over values never runs out.
 *
 * Determinism: every column has its own splitmix64 streams (values, NULLs),
 * seeded from the seed and the column's position, and draws a fixed number of
 * words per row from each.  So the
 * rows depend only on the seed and the options: not on batch sizes, the
 * throttle, the machine, or the other columns.
 *
 * Speed: a batch is filled one column at a time in a tight loop; random strings
 * take one arena block per column per batch from the batch's text arena (16 hex
 * characters per 64-bit draw); values from a set point at strings the source
 * owns.  Nothing is allocated per row.
 *
 * Throttling: rows are due at rows-per-second from the first call; a call that
 * is ahead of schedule sleeps when the next row is due within a millisecond,
 * and otherwise returns WEIR_PENDING (the engine waits a little and calls
 * again) rather than blocking.
 *
 * Checkpoints: save_pos writes the rows produced and each column's generator
 * state (two splitmix64 words and the sequence counter); restore_pos puts them
 * back, so a job killed and resumed from a checkpoint generates exactly the
 * rows an uninterrupted run would (tests/cli/test_datagen_restart.py).
 */
#include "format.h"
#include "throttle.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#define DG_DEFAULT_LENGTH 100
#define DG_MAX_LENGTH (1 << 20)
#define DG_TS_DEFAULT_START INT64_C(1704067200000)   /* 2024-01-01 00:00:00 */
#define DG_TS_DEFAULT_END INT64_C(1735689599999)     /* 2024-12-31 23:59:59.999 */

typedef enum DgKind { DG_RANDOM = 0, DG_SEQUENCE = 1 } DgKind;

/* How one column is generated. */
typedef struct DgField {
    TypeId type;
    DgKind kind;
    uint64_t rng;          /* splitmix64 state of the values */
    uint64_t nrng;         /* another one for NULLs, so null-rate leaves values alone */
    int64_t imin, imax;    /* BIGINT, INT, TIMESTAMP bounds (inclusive) */
    double dmin, dmax;     /* DOUBLE bounds */
    int64_t istep;         /* sequence step (integers, TIMESTAMP) */
    double dstep;          /* sequence step (DOUBLE) */
    uint64_t seq;          /* sequence: rows generated so far */
    int length;            /* VARCHAR random length */
    double null_rate;      /* 0: never NULL */
    uint64_t null_cut;     /* a draw below it is NULL */
    int nvalues;           /* > 0: pick from values */
    Value *values;         /* malloc'ed; VARCHARs point into text */
    char *text;            /* malloc'ed copy of the values option */
} DgField;

typedef struct DgSource {
    Source base;
    int nfields;
    DgField *fields;       /* malloc'ed, one per physical column */
    int64_t limit;         /* rows to produce; -1: unbounded */
    int64_t produced;
    Throttle thr;          /* rows-per-second (rate 0: unthrottled) */
} DgSource;

/* ---- the generator ------------------------------------------------------- */

/* splitmix64 (Steele, Lea, Flood 2014): a 64-bit state, one add and a mix per
 * draw; passes BigCrush and is the same on every machine. */
static inline uint64_t dg_next(uint64_t *s)
{
    uint64_t z = (*s += UINT64_C(0x9E3779B97F4A7C15));
    z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
    return z ^ (z >> 31);
}

/* A uniform integer in [0, n) by the multiply-shift method (Lemire); n == 0
 * stands for 2^64.  The bias is below 2^-64 * n: invisible at our sizes. */
static inline uint64_t dg_below(uint64_t *s, uint64_t n)
{
    uint64_t r = dg_next(s);
    if (n == 0) return r;
    return (uint64_t)(((unsigned __int128)r * n) >> 64);
}

/* A uniform double in [0, 1) with 53 random bits. */
static inline double dg_unit(uint64_t *s) { return (double)(dg_next(s) >> 11) * 0x1.0p-53; }

/* ---- options ------------------------------------------------------------- */

/* The value of fields.<col>.<what>, matching col case-insensitively; NULL when
 * absent.  The last occurrence wins, as with source_option. */
static const char *dg_field_option(const SourceSpec *spec, const char *col, const char *what)
{
    size_t cl = strlen(col), wl = strlen(what);
    for (int i = spec->nopts - 1; i >= 0; i--) {
        const char *k = spec->opt_keys[i];
        if (strncmp(k, "fields.", 7) != 0) continue;
        k += 7;
        if (strncasecmp(k, col, cl) != 0 || k[cl] != '.') continue;
        if (strlen(k + cl + 1) == wl && strcmp(k + cl + 1, what) == 0) return spec->opt_values[i];
    }
    return NULL;
}

/* Parses s[0..n) as a value of type t into *v (VARCHAR points at s).  Returns
 * false when the text is not such a value. */
static bool dg_parse_value(TypeId t, const char *s, size_t n, Value *v)
{
    memset(v, 0, sizeof *v);
    switch (t) {
    case TYPE_BOOLEAN:
        if (n == 4 && strncasecmp(s, "true", 4) == 0) v->u.i = 1;
        else if (n == 5 && strncasecmp(s, "false", 5) == 0) v->u.i = 0;
        else return false;
        return true;
    case TYPE_INT:
        return source_parse_int(s, n, &v->u.i) && v->u.i >= INT32_MIN && v->u.i <= INT32_MAX;
    case TYPE_BIGINT:
        return source_parse_int(s, n, &v->u.i);
    case TYPE_DOUBLE:
        return n > 0 && fmt_parse_double(s, n, &v->u.d) && !isnan(v->u.d);
    case TYPE_TIMESTAMP:
        return time_parse_iso(s, n, &v->u.i) == 0 || source_parse_int(s, n, &v->u.i);
    case TYPE_VARCHAR:
        v->u.s = s;
        v->len = (uint32_t)n;
        return true;
    default:
        return false;
    }
}

/* Reads fields.<col>.values: copies the text, splits it at commas, trims the
 * spaces around each item and parses it as the column's type. */
static int dg_read_values(const SourceSpec *spec, const SourceColumn *c, DgField *f,
                          const char *text, WeirError *err)
{
    size_t n = strlen(text);
    f->text = malloc(n + 1);
    if (!f->text) return err_set(err, WEIR_NOMEM, "out of memory");
    memcpy(f->text, text, n + 1);
    int count = 1;
    for (size_t i = 0; i < n; i++) count += text[i] == ',';
    f->values = calloc((size_t)count, sizeof *f->values);
    if (!f->values) return err_set(err, WEIR_NOMEM, "out of memory");
    const char *p = f->text, *end = f->text + n;
    while (p <= end) {
        const char *q = memchr(p, ',', (size_t)(end - p));
        if (!q) q = end;
        const char *a = p, *b = q;
        while (a < b && *a == ' ') a++;
        while (b > a && b[-1] == ' ') b--;
        if (!dg_parse_value(c->type, a, (size_t)(b - a), &f->values[f->nvalues]))
            return err_set(err, WEIR_ERROR,
                           "source \"%s\": fields.%s.values: cannot read \"%.*s\" as %s",
                           spec->name, c->name, (int)(b - a), a, type_name(c->type));
        if (c->type == TYPE_TIMESTAMP && !ts_valid(f->values[f->nvalues].u.i))
            return err_set(err, WEIR_ERROR, "source \"%s\": fields.%s.values: \"%.*s\" " TS_RANGE_MSG,
                           spec->name, c->name, (int)(b - a), a);
        f->nvalues++;
        p = q + 1;
    }
    return WEIR_OK;
}

/* Reads fields.<col>.min or .max into *v (type of c); WEIR_ERROR when it does
 * not parse or does not apply to the type. */
static int dg_read_bound(const SourceSpec *spec, const SourceColumn *c, const char *what,
                         const char *text, Value *v, WeirError *err)
{
    if (c->type == TYPE_VARCHAR || c->type == TYPE_BOOLEAN)
        return err_set(err, WEIR_ERROR,
                       "source \"%s\": fields.%s.%s does not apply to a %s column (use "
                       "fields.%s.values%s)",
                       spec->name, c->name, what, type_name(c->type), c->name,
                       c->type == TYPE_VARCHAR ? " or .length" : "");
    if (!dg_parse_value(c->type, text, strlen(text), v))
        return err_set(err, WEIR_ERROR, "source \"%s\": fields.%s.%s: cannot read \"%s\" as %s",
                       spec->name, c->name, what, text, type_name(c->type));
    if (c->type == TYPE_TIMESTAMP && !ts_valid(v->u.i))
        return err_set(err, WEIR_ERROR, "source \"%s\": fields.%s.%s: \"%s\" " TS_RANGE_MSG,
                       spec->name, c->name, what, text);
    return WEIR_OK;
}

/* Number of sequence values from lo to hi by step (step > 0, lo <= hi), capped
 * at INT64_MAX. */
static int64_t dg_seq_count_i(int64_t lo, int64_t hi, int64_t step)
{
    uint64_t span = (uint64_t)hi - (uint64_t)lo;
    uint64_t n = span / (uint64_t)step + 1;
    return n > (uint64_t)INT64_MAX || n == 0 ? INT64_MAX : (int64_t)n;
}

/* Every key the connector understands outside fields.*: anything else is a
 * typo that would otherwise go unnoticed (an unbounded stream, say). */
static bool dg_known_option(const char *k)
{
    static const char *const known[] = {"connector", "number-of-rows", "rows-per-second", "seed",
                                        "format", "on_error"};
    for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
        if (strcmp(k, known[i]) == 0) return true;
    return false;
}

/* Checks that every fields.<col>.<what> names a column and a known option. */
static int dg_check_keys(const SourceSpec *spec, WeirError *err)
{
    static const char *const whats[] = {"kind", "min", "max", "length", "values", "step",
                                        "null-rate"};
    for (int i = 0; i < spec->nopts; i++) {
        const char *k = spec->opt_keys[i];
        if (strncmp(k, "fields.", 7) != 0) {
            if (dg_known_option(k)) continue;
            return err_set(err, WEIR_ERROR,
                           "source \"%s\": unknown datagen option '%s' (expected number-of-rows, "
                           "rows-per-second, seed or fields.<column>.<option>)",
                           spec->name, k);
        }
        const char *dot = strrchr(k + 7, '.');
        int col = -1;
        if (dot)
            for (int c = 0; c < spec->ncols && col < 0; c++)
                if (strlen(spec->cols[c].name) == (size_t)(dot - (k + 7)) &&
                    strncasecmp(spec->cols[c].name, k + 7, (size_t)(dot - (k + 7))) == 0)
                    col = c;
        if (col < 0)
            return err_set(err, WEIR_ERROR,
                           "source \"%s\": option '%s' names no physical column of the source",
                           spec->name, k);
        bool ok = false;
        for (size_t w = 0; w < sizeof whats / sizeof whats[0]; w++) ok |= !strcmp(dot + 1, whats[w]);
        if (!ok)
            return err_set(err, WEIR_ERROR,
                           "source \"%s\": unknown datagen option '%s' (expected kind, min, max, "
                           "length, values, step or null-rate after fields.%s.)",
                           spec->name, k, spec->cols[col].name);
    }
    return WEIR_OK;
}

/* Sets up the generator of column i from its options.  *limit is lowered to
 * the length of a bounded sequence. */
static int dg_field_init(const SourceSpec *spec, int i, uint64_t seed, DgField *f, int64_t *limit,
                         WeirError *err)
{
    const SourceColumn *c = &spec->cols[i];
    const char *nm = c->name;
    f->type = c->type;
    if (c->type != TYPE_BOOLEAN && c->type != TYPE_INT && c->type != TYPE_BIGINT &&
        c->type != TYPE_DOUBLE && c->type != TYPE_VARCHAR && c->type != TYPE_TIMESTAMP)
        return err_set(err, WEIR_ERROR, "source \"%s\": datagen cannot generate column \"%s\" of type %s",
                       spec->name, nm, type_name(c->type));
    /* each column its own stream: the seed mixed with the column's position */
    uint64_t s = seed ^ (UINT64_C(0xD1B54A32D192ED03) * (uint64_t)(i + 1));
    f->rng = dg_next(&s);
    f->nrng = dg_next(&s);

    const char *kind = dg_field_option(spec, nm, "kind");
    const char *vmin = dg_field_option(spec, nm, "min");
    const char *vmax = dg_field_option(spec, nm, "max");
    const char *vlen = dg_field_option(spec, nm, "length");
    const char *vvals = dg_field_option(spec, nm, "values");
    const char *vstep = dg_field_option(spec, nm, "step");
    const char *vnull = dg_field_option(spec, nm, "null-rate");

    f->kind = c->type == TYPE_TIMESTAMP ? DG_SEQUENCE : DG_RANDOM;
    if (kind) {
        if (strcasecmp(kind, "random") == 0) f->kind = DG_RANDOM;
        else if (strcasecmp(kind, "sequence") == 0) f->kind = DG_SEQUENCE;
        else
            return err_set(err, WEIR_ERROR,
                           "source \"%s\": fields.%s.kind: unknown kind \"%s\" (expected random "
                           "or sequence)",
                           spec->name, nm, kind);
    }
    if (vnull) {
        double r;
        if (!fmt_parse_double(vnull, strlen(vnull), &r) || !(r >= 0 && r <= 1))
            return err_set(err, WEIR_ERROR,
                           "source \"%s\": fields.%s.null-rate must be a number from 0 to 1, not "
                           "\"%s\"",
                           spec->name, nm, vnull);
        f->null_rate = r;
        f->null_cut = r >= 1 ? UINT64_MAX : (uint64_t)ldexp(r, 64);
    }
    if (vlen) {
        int64_t l;
        if (c->type != TYPE_VARCHAR)
            return err_set(err, WEIR_ERROR,
                           "source \"%s\": fields.%s.length applies to VARCHAR columns only, not %s",
                           spec->name, nm, type_name(c->type));
        if (!source_parse_int(vlen, strlen(vlen), &l) || l < 0 || l > DG_MAX_LENGTH)
            return err_set(err, WEIR_ERROR,
                           "source \"%s\": fields.%s.length must be an integer from 0 to %d, not "
                           "\"%s\"",
                           spec->name, nm, DG_MAX_LENGTH, vlen);
        f->length = (int)l;
    } else {
        f->length = DG_DEFAULT_LENGTH;
    }
    if (vvals) {
        if (vmin || vmax || vstep || vlen)
            return err_set(err, WEIR_ERROR,
                           "source \"%s\": fields.%s.values cannot be combined with .min, .max, "
                           ".step or .length",
                           spec->name, nm);
        return dg_read_values(spec, c, f, vvals, err);
    }
    if (c->type == TYPE_BOOLEAN || c->type == TYPE_VARCHAR) {
        if (f->kind == DG_SEQUENCE)
            return err_set(err, WEIR_ERROR,
                           "source \"%s\": fields.%s.kind = 'sequence' on a %s column needs "
                           "fields.%s.values",
                           spec->name, nm, type_name(c->type), nm);
        if (vmin || vmax)
            return dg_read_bound(spec, c, vmin ? "min" : "max", vmin ? vmin : vmax, &(Value){0},
                                 err);
        if (vstep)
            return err_set(err, WEIR_ERROR, "source \"%s\": fields.%s.step needs kind 'sequence'",
                           spec->name, nm);
        return WEIR_OK;
    }
    if (vstep && f->kind != DG_SEQUENCE)
        return err_set(err, WEIR_ERROR, "source \"%s\": fields.%s.step needs kind 'sequence'",
                       spec->name, nm);

    /* numbers and timestamps: defaults, then bounds */
    Value lo = {0}, hi = {0};
    int rc;
    if (c->type == TYPE_DOUBLE) {
        lo.u.d = 0;
        hi.u.d = f->kind == DG_SEQUENCE ? HUGE_VAL : 1;
    } else if (c->type == TYPE_TIMESTAMP) {
        lo.u.i = DG_TS_DEFAULT_START;
        hi.u.i = f->kind == DG_SEQUENCE ? TS_VALID_MAX : DG_TS_DEFAULT_END;
    } else {
        bool is_int = c->type == TYPE_INT;
        lo.u.i = f->kind == DG_SEQUENCE ? 0 : is_int ? INT32_MIN : INT64_MIN;
        hi.u.i = is_int ? INT32_MAX : INT64_MAX;
    }
    if (vmin && (rc = dg_read_bound(spec, c, "min", vmin, &lo, err))) return rc;
    if (vmax && (rc = dg_read_bound(spec, c, "max", vmax, &hi, err))) return rc;
    bool bad = c->type == TYPE_DOUBLE ? lo.u.d > hi.u.d : lo.u.i > hi.u.i;
    if (bad)
        return err_set(err, WEIR_ERROR, "source \"%s\": fields.%s.min (%s) is greater than .max (%s)",
                       spec->name, nm, vmin ? vmin : "default", vmax ? vmax : "default");
    if (c->type == TYPE_DOUBLE && ((vmin && !isfinite(lo.u.d)) || (vmax && !isfinite(hi.u.d))))
        return err_set(err, WEIR_ERROR, "source \"%s\": fields.%s: DOUBLE bounds must be finite",
                       spec->name, nm);
    f->imin = lo.u.i;
    f->imax = hi.u.i;
    f->dmin = lo.u.d;
    f->dmax = hi.u.d;
    if (f->kind != DG_SEQUENCE) return WEIR_OK;

    f->istep = 1;
    f->dstep = 1;
    if (vstep) {
        bool ok = c->type == TYPE_DOUBLE
                      ? fmt_parse_double(vstep, strlen(vstep), &f->dstep) && f->dstep > 0 &&
                            isfinite(f->dstep)
                      : source_parse_int(vstep, strlen(vstep), &f->istep) && f->istep > 0;
        if (!ok)
            return err_set(err, WEIR_ERROR,
                           "source \"%s\": fields.%s.step must be a positive %s, not \"%s\"",
                           spec->name, nm, c->type == TYPE_DOUBLE ? "number" : "integer", vstep);
    }
    int64_t n;
    if (c->type == TYPE_DOUBLE) {
        double k = isfinite(f->dmax) ? floor((f->dmax - f->dmin) / f->dstep) + 1 : INFINITY;
        n = k >= 9.2e18 ? INT64_MAX : (int64_t)k;
    } else {
        n = dg_seq_count_i(f->imin, f->imax, f->istep);
    }
    if (*limit < 0 || n < *limit) *limit = n;
    return WEIR_OK;
}

/* ---- filling batches ----------------------------------------------------- */

static const char dg_hex[16] = "0123456789abcdef";

/* Fills column `col` of rows [r0, r0+n) of b, advancing f's stream or
 * sequence.  Returns WEIR_OK or WEIR_NOMEM (the text arena). */
static int dg_fill(DgField *f, Batch *b, int col, int r0, int n)
{
    int nc = b->ncols;
    Value *v = b->vals + (size_t)r0 * (size_t)nc + col;
    if (f->nvalues > 0) {
        if (f->kind == DG_SEQUENCE) {
            uint64_t k = f->seq % (uint64_t)f->nvalues;
            for (int r = 0; r < n; r++, v += nc) {
                *v = f->values[k];
                if (++k == (uint64_t)f->nvalues) k = 0;
            }
            f->seq += (uint64_t)n;
        } else {
            for (int r = 0; r < n; r++, v += nc) *v = f->values[dg_below(&f->rng, (uint64_t)f->nvalues)];
        }
        return WEIR_OK;
    }
    switch (f->type) {
    case TYPE_BOOLEAN:
        for (int r = 0; r < n; r++, v += nc)
            *v = (Value){.u.i = (int64_t)(dg_next(&f->rng) >> 63)};
        break;
    case TYPE_INT:
    case TYPE_BIGINT:
    case TYPE_TIMESTAMP:
        if (f->kind == DG_SEQUENCE) {
            /* the count was bounded at open, so this never passes imax */
            int64_t x = (int64_t)((uint64_t)f->imin + f->seq * (uint64_t)f->istep);
            for (int r = 0; r < n; r++, v += nc, x = (int64_t)((uint64_t)x + (uint64_t)f->istep))
                *v = (Value){.u.i = x};
            f->seq += (uint64_t)n;
        } else {
            uint64_t span = (uint64_t)f->imax - (uint64_t)f->imin + 1; /* 0: all 2^64 */
            for (int r = 0; r < n; r++, v += nc)
                *v = (Value){.u.i = (int64_t)((uint64_t)f->imin + dg_below(&f->rng, span))};
        }
        break;
    case TYPE_DOUBLE:
        if (f->kind == DG_SEQUENCE) {
            for (int r = 0; r < n; r++, v += nc)
                *v = (Value){.u.d = f->dmin + (double)(f->seq++) * f->dstep};
        } else {
            for (int r = 0; r < n; r++, v += nc) {
                double u = dg_unit(&f->rng);
                /* this form cannot overflow even for bounds near +-DBL_MAX */
                double x = f->dmin * (1 - u) + f->dmax * u;
                if (x > f->dmax) x = f->dmax;
                if (x < f->dmin) x = f->dmin;
                *v = (Value){.u.d = x};
            }
        }
        break;
    case TYPE_VARCHAR: {
        size_t len = (size_t)f->length;
        char *p = len ? arena_alloc(&b->text, len * (size_t)n) : NULL;
        if (len && !p) return WEIR_NOMEM;
        for (int r = 0; r < n; r++, v += nc) {
            *v = (Value){.u.s = p ? p : "", .len = (uint32_t)len};
            size_t k = 0;
            while (k < len) {
                uint64_t w = dg_next(&f->rng);
                for (int j = 0; j < 16 && k < len; j++, w >>= 4) p[k++] = dg_hex[w & 15];
            }
            p += len;
        }
        break;
    }
    default:
        break;
    }
    return WEIR_OK;
}

/* Overwrites values with NULL at the rate of the field, from the field's NULL
 * stream (one draw per row, so batch sizes do not matter). */
static void dg_nulls(DgField *f, Batch *b, int col, int r0, int n)
{
    Value *v = b->vals + (size_t)r0 * (size_t)b->ncols + col;
    for (int r = 0; r < n; r++, v += b->ncols)
        if (dg_next(&f->nrng) < f->null_cut) *v = (Value){.null = 1};
}

static int dg_next_batch(Source *src, Batch *b, WeirError *err)
{
    DgSource *d = (DgSource *)src;
    if (d->limit >= 0 && d->produced >= d->limit) return WEIR_DONE;
    int64_t n = b->cap - b->nrows;
    if (d->limit >= 0 && d->limit - d->produced < n) n = d->limit - d->produced;
    if (d->thr.rate > 0) {
        int64_t due = throttle_due(&d->thr, d->produced);
        if (due < 0) return WEIR_PENDING;
        if (due - d->produced < n) n = due - d->produced;
    }
    if (n <= 0) return WEIR_OK;
    int r0 = b->nrows;
    for (int c = 0; c < d->nfields; c++) {
        DgField *f = &d->fields[c];
        if (dg_fill(f, b, c, r0, (int)n) != WEIR_OK)
            return err_set(err, WEIR_NOMEM, "out of memory");
        if (f->null_cut) dg_nulls(f, b, c, r0, (int)n);
    }
    for (int r = 0; r < (int)n; r++) {
        b->pos[r0 + r] = d->produced + r + 1;
        b->wm[r0 + r] = TS_MIN;
    }
    b->nrows += (int)n;
    d->produced += n;
    src->rows_read += n;
    if (d->limit >= 0 && d->produced >= d->limit) return WEIR_DONE;
    return WEIR_OK;
}

static void dg_close(Source *src)
{
    DgSource *d = (DgSource *)src;
    if (!d) return;
    for (int i = 0; i < d->nfields; i++) {
        free(d->fields[i].values);
        free(d->fields[i].text);
    }
    free(d->fields);
    free(d);
}

/* ---- checkpoints ---------------------------------------------------------- */

#include "snapshot.h"

/* Where the generator stands between batches: the rows produced and, per
 * column, its two splitmix64 states and its sequence counter.  Everything else
 * follows from the options, which the job's fingerprint pins. */
static int dg_save_pos(Source *src, SnapWriter *w, WeirError *err)
{
    (void)err;
    DgSource *d = (DgSource *)src;
    snap_put_u32(w, (uint32_t)d->nfields);
    snap_put_i64(w, d->limit);
    snap_put_i64(w, d->produced);
    for (int i = 0; i < d->nfields; i++) {
        const DgField *f = &d->fields[i];
        snap_put_i64(w, (int64_t)f->rng);
        snap_put_i64(w, (int64_t)f->nrng);
        snap_put_i64(w, (int64_t)f->seq);
    }
    return WEIR_OK;
}

/* Puts a freshly opened source where dg_save_pos left one.  The throttle's
 * clock restarts as if the rows produced had been due until now, so a resumed
 * job goes on at rows-per-second instead of catching up in a burst. */
static int dg_restore_pos(Source *src, SnapReader *r, WeirError *err)
{
    DgSource *d = (DgSource *)src;
    uint32_t nfields = snap_get_u32(r);
    int64_t limit = snap_get_i64(r), produced = snap_get_i64(r);
    if (!snap_ok(r) || nfields != (uint32_t)d->nfields || limit != d->limit || produced < 0 ||
        (d->limit >= 0 && produced > d->limit))
        return err_set(err, WEIR_IOERR, "source \"%s\": damaged checkpoint position", src->name);
    uint64_t st[3];
    for (int i = 0; i < d->nfields; i++) {
        DgField *f = &d->fields[i];
        for (int k = 0; k < 3; k++) st[k] = (uint64_t)snap_get_i64(r);
        if (!snap_ok(r))
            return err_set(err, WEIR_IOERR, "source \"%s\": damaged checkpoint position", src->name);
        f->rng = st[0];
        f->nrng = st[1];
        f->seq = st[2];
    }
    d->produced = produced;
    throttle_resume(&d->thr, produced);
    return WEIR_OK;
}

static const SourceVtab dg_vtab = {dg_next_batch, dg_close, dg_save_pos, dg_restore_pos};

/* Reads the top-level options into d. */
static int dg_read_options(const SourceSpec *spec, DgSource *d, uint64_t *seed, WeirError *err)
{
    const char *v;
    int64_t x;
    d->limit = -1;
    if ((v = source_option(spec, "number-of-rows"))) {
        if (!source_parse_int(v, strlen(v), &x) || x < 0)
            return err_set(err, WEIR_ERROR,
                           "source \"%s\": number-of-rows must be a non-negative integer, not \"%s\"",
                           spec->name, v);
        d->limit = x;
    }
    if ((v = source_option(spec, "rows-per-second"))) {
        double r;
        if (!fmt_parse_double(v, strlen(v), &r) || !(r > 0) || !isfinite(r))
            return err_set(err, WEIR_ERROR,
                           "source \"%s\": rows-per-second must be a positive number, not \"%s\"",
                           spec->name, v);
        d->thr.rate = r;
    }
    *seed = 0;
    if ((v = source_option(spec, "seed"))) {
        if (!source_parse_int(v, strlen(v), &x))
            return err_set(err, WEIR_ERROR, "source \"%s\": seed must be an integer, not \"%s\"",
                           spec->name, v);
        *seed = (uint64_t)x;
    }
    return WEIR_OK;
}

/* Opens a datagen source over spec.  Returns WEIR_OK with *out (freed by its
 * close), WEIR_ERROR naming the bad option, or WEIR_NOMEM. */
int source_datagen_open(const SourceSpec *spec, Source **out, WeirError *err)
{
    *out = NULL;
    DgSource *d = calloc(1, sizeof *d);
    if (!d) return err_set(err, WEIR_NOMEM, "out of memory");
    d->base.vt = &dg_vtab;
    d->base.name = spec->name;
    d->nfields = spec->ncols;
    d->fields = calloc((size_t)(spec->ncols > 0 ? spec->ncols : 1), sizeof *d->fields);
    uint64_t seed = 0;
    int rc = d->fields ? WEIR_OK : err_set(err, WEIR_NOMEM, "out of memory");
    if (rc == WEIR_OK) rc = dg_check_keys(spec, err);
    if (rc == WEIR_OK) rc = dg_read_options(spec, d, &seed, err);
    for (int i = 0; rc == WEIR_OK && i < spec->ncols; i++)
        rc = dg_field_init(spec, i, seed, &d->fields[i], &d->limit, err);
    if (rc != WEIR_OK) {
        dg_close(&d->base);
        return rc;
    }
    d->base.unbounded = d->limit < 0;   /* no number-of-rows and no ending sequence */
    *out = &d->base;
    return WEIR_OK;
}
