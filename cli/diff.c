/*
 * diff.c - a small unified diff (see diff.h), used by `weir --test` to show
 * how a case's actual output differs from the expected one.
 *
 * The texts are split into lines (a line keeps its '\n', so a missing final
 * newline is a difference too).  The common head and tail are trimmed, and
 * the middle is compared with Myers' greedy O((N+M)·D) algorithm: for each
 * edit distance d it extends the furthest-reaching path on every diagonal k
 * and keeps a copy of the diagonals -d-1..d+1, so the edit script can be
 * read back from the end.  Those copies cost O(D²) memory; when D passes
 * DIFF_MAX_D (outputs that have nothing in common) the middle is reported
 * as deleted and inserted whole, which is still a correct diff.
 *
 * The script (one op per line: equal, delete, insert) is then cut into
 * hunks with `context` equal lines around each change; changes closer than
 * 2·context lines share a hunk, as in `diff -u`.
 */
#include "diff.h"

#include <stdlib.h>
#include <string.h>

#define DIFF_MAX_D 4000

typedef struct DiffLine {
    const char *p;
    size_t n;            /* bytes, including the '\n' when there is one */
} DiffLine;

enum { OP_EQ = 'E', OP_DEL = 'D', OP_INS = 'I' };

/* Splits s into lines; *out is malloc'ed (caller frees).  Returns the line
 * count or -1 when out of memory. */
static long diff_split(const char *s, size_t len, DiffLine **out)
{
    long n = 0;
    for (size_t i = 0; i < len; i++)
        if (s[i] == '\n') n++;
    if (len && s[len - 1] != '\n') n++;
    *out = malloc(sizeof **out * (size_t)(n ? n : 1));
    if (!*out) return -1;
    long k = 0;
    size_t start = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '\n') {
            (*out)[k++] = (DiffLine){s + start, i + 1 - start};
            start = i + 1;
        }
    }
    if (start < len) (*out)[k++] = (DiffLine){s + start, len - start};
    return n;
}

static int diff_eq(const DiffLine *x, const DiffLine *y)
{
    return x->n == y->n && memcmp(x->p, y->p, x->n) == 0;
}

/* Writes into ops (reversed: the last op first) the Myers edit script of
 * a[0..n) against b[0..m).  Returns the number of ops, or -1 when out of
 * memory, or -2 when the distance exceeds DIFF_MAX_D. */
static long diff_myers(const DiffLine *a, long n, const DiffLine *b, long m, char *ops)
{
    long max = n + m;
    if (max == 0) return 0;
    long dmax = max < DIFF_MAX_D ? max : DIFF_MAX_D;
    long *v = calloc((size_t)(2 * max + 3), sizeof *v);
    long **trace = calloc((size_t)dmax + 1, sizeof *trace);
    if (!v || !trace) {
        free(v);
        free(trace);
        return -1;
    }
    long off = max + 1;              /* v[off + k] is diagonal k */
    v[off + 1] = 0;
    long found = -1;
    for (long d = 0; d <= dmax && found < 0; d++) {
        /* keep diagonals -d-1..d+1 as they were before this round */
        trace[d] = malloc(sizeof **trace * (size_t)(2 * d + 3));
        if (!trace[d]) goto oom;
        for (long k = -d - 1; k <= d + 1; k++)
            trace[d][k + d + 1] = (k >= -max - 1 && k <= max + 1) ? v[off + k] : 0;
        for (long k = -d; k <= d; k += 2) {
            long x = (k == -d || (k != d && v[off + k - 1] < v[off + k + 1]))
                         ? v[off + k + 1] : v[off + k - 1] + 1;
            long y = x - k;
            while (x < n && y < m && diff_eq(&a[x], &b[y])) x++, y++;
            v[off + k] = x;
            if (x >= n && y >= m) {
                found = d;
                break;
            }
        }
    }
    long nops = 0;
    if (found < 0) {
        nops = -2;
        goto done;
    }
    long x = n, y = m;
    for (long d = found; d > 0; d--) {
        long *pv = trace[d] + d + 1;  /* pv[k], k in -d-1..d+1 */
        long k = x - y;
        long pk = (k == -d || (k != d && pv[k - 1] < pv[k + 1])) ? k + 1 : k - 1;
        long px = pv[pk], py = px - pk;
        while (x > px && y > py) ops[nops++] = OP_EQ, x--, y--;
        if (pk == k + 1) ops[nops++] = OP_INS, y--;
        else ops[nops++] = OP_DEL, x--;
    }
    while (x > 0 && y > 0) ops[nops++] = OP_EQ, x--, y--;
    goto done;
oom:
    nops = -1;
done:
    for (long d = 0; d <= dmax; d++) free(trace[d]);
    free(trace);
    free(v);
    return nops;
}

/* Writes one line with its marker, and the no-newline note when it has none. */
static void diff_line(FILE *f, char mark, const DiffLine *l)
{
    putc(mark, f);
    fwrite(l->p, 1, l->n, f);
    if (l->n == 0 || l->p[l->n - 1] != '\n') fputs("\n\\ No newline at end of file\n", f);
}

/* Writes a hunk range: "start,count", "start" when count is 1, and the line
 * before the hunk with ",0" when it is empty. */
static void diff_range(FILE *f, long start0, long count)
{
    if (count == 1) fprintf(f, "%ld", start0 + 1);
    else if (count == 0) fprintf(f, "%ld,0", start0);
    else fprintf(f, "%ld,%ld", start0 + 1, count);
}

int diff_unified(FILE *f, const char *a, size_t alen, const char *b, size_t blen,
                 const char *a_name, const char *b_name, int context)
{
    DiffLine *la = NULL, *lb = NULL;
    char *ops = NULL;
    int hunks = -1;
    long n = diff_split(a, alen, &la);
    long m = diff_split(b, blen, &lb);
    if (n < 0 || m < 0) goto out;

    /* the script, in order: common head, Myers middle, common tail */
    ops = malloc((size_t)(n + m + 1));
    if (!ops) goto out;
    long head = 0, tail = 0;
    while (head < n && head < m && diff_eq(&la[head], &lb[head])) head++;
    while (tail < n - head && tail < m - head && diff_eq(&la[n - 1 - tail], &lb[m - 1 - tail]))
        tail++;
    long nops = 0;
    memset(ops, OP_EQ, (size_t)head);
    nops = head;
    long mid = diff_myers(la + head, n - head - tail, lb + head, m - head - tail, ops + nops);
    if (mid == -1) goto out;
    if (mid == -2) {          /* too different: replace the middle whole */
        memset(ops + nops, OP_DEL, (size_t)(n - head - tail));
        nops += n - head - tail;
        memset(ops + nops, OP_INS, (size_t)(m - head - tail));
        nops += m - head - tail;
    } else {
        for (long i = 0, j = mid - 1; i < j; i++, j--) {   /* it came reversed */
            char t = ops[nops + i];
            ops[nops + i] = ops[nops + j];
            ops[nops + j] = t;
        }
        nops += mid;
    }
    memset(ops + nops, OP_EQ, (size_t)tail);
    nops += tail;

    /* cut into hunks */
    hunks = 0;
    long i = 0, ai = 0, bi = 0;   /* op index and the lines before it */
    if (context < 0) context = 0;
    while (i < nops) {
        if (ops[i] == OP_EQ) {
            i++, ai++, bi++;
            continue;
        }
        /* a change at i: the hunk starts up to `context` equal lines back */
        long back = i < context ? i : context;
        /* (the previous hunk ended more than `context` equal lines back) */
        long start = i - back, end = i;
        long a0 = ai - back, b0 = bi - back;
        /* extend over changes whose gap of equal lines is <= 2*context */
        for (;;) {
            while (end < nops && ops[end] != OP_EQ) end++;
            long gap = 0;
            while (end + gap < nops && ops[end + gap] == OP_EQ) gap++;
            if (end + gap < nops && gap <= 2 * context) {
                end += gap;
                continue;
            }
            end += gap < context ? gap : context;
            break;
        }
        long acount = 0, bcount = 0;
        for (long k = start; k < end; k++) {
            if (ops[k] != OP_INS) acount++;
            if (ops[k] != OP_DEL) bcount++;
        }
        if (hunks == 0) fprintf(f, "--- %s\n+++ %s\n", a_name, b_name);
        fputs("@@ -", f);
        diff_range(f, a0, acount);
        fputs(" +", f);
        diff_range(f, b0, bcount);
        fputs(" @@\n", f);
        long x = a0, y = b0;
        for (long k = start; k < end; k++) {
            if (ops[k] == OP_EQ) diff_line(f, ' ', &la[x++]), y++;
            else if (ops[k] == OP_DEL) diff_line(f, '-', &la[x++]);
            else diff_line(f, '+', &lb[y++]);
        }
        hunks++;
        i = end, ai = x, bi = y;
    }
out:
    free(la);
    free(lb);
    free(ops);
    return hunks;
}
