/*
 * test_diff.c - unit tests of the unified diff the regression runner prints
 * (cli/diff.c, compiled into this test by including it).
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../cli/diff.c"

/* Runs diff_unified into a string (caller frees); *hunks gets its result. */
static char *run_diff(const char *a, const char *b, int context, int *hunks)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    cr_assert_not_null(f);
    *hunks = diff_unified(f, a, strlen(a), b, strlen(b), "expected", "actual", context);
    fclose(f);
    return buf;
}

static void check(const char *a, const char *b, int context, int want_hunks, const char *want)
{
    int hunks;
    char *got = run_diff(a, b, context, &hunks);
    cr_assert_eq(hunks, want_hunks, "hunks %d, want %d; diff:\n%s", hunks, want_hunks, got);
    cr_assert_str_eq(got, want);
    free(got);
}

Test(diff, equal_texts_print_nothing)
{
    check("", "", 3, 0, "");
    check("a\nb\nc\n", "a\nb\nc\n", 3, 0, "");
}

Test(diff, one_changed_line_with_context)
{
    check("1\n2\n3\n4\n5\n6\n7\n8\n9\n", "1\n2\n3\n4\nX\n6\n7\n8\n9\n", 3, 1,
          "--- expected\n+++ actual\n"
          "@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+X\n 6\n 7\n 8\n");
}

Test(diff, insert_into_empty_and_delete_all)
{
    check("", "a\nb\n", 3, 1, "--- expected\n+++ actual\n@@ -0,0 +1,2 @@\n+a\n+b\n");
    check("a\n", "", 3, 1, "--- expected\n+++ actual\n@@ -1 +0,0 @@\n-a\n");
}

Test(diff, missing_final_newline_is_a_difference)
{
    check("a\nb\n", "a\nb", 3, 1,
          "--- expected\n+++ actual\n@@ -1,2 +1,2 @@\n a\n-b\n+b\n\\ No newline at end of file\n");
}

Test(diff, far_apart_changes_make_two_hunks)
{
    /* 20 lines, changes at lines 2 and 18: gap of 15 equal lines > 2*3 */
    char a[256] = "", b[256] = "";
    for (int i = 1; i <= 20; i++) {
        char l[16];
        snprintf(l, sizeof l, "%d\n", i);
        strcat(a, l);
        if (i == 2 || i == 18) strcat(b, "x\n");
        else strcat(b, l);
    }
    check(a, b, 3, 2,
          "--- expected\n+++ actual\n"
          "@@ -1,5 +1,5 @@\n 1\n-2\n+x\n 3\n 4\n 5\n"
          "@@ -15,6 +15,6 @@\n 15\n 16\n 17\n-18\n+x\n 19\n 20\n");
}

Test(diff, near_changes_share_a_hunk)
{
    /* changes at lines 2 and 8: 5 equal lines between (<= 6) */
    check("1\n2\n3\n4\n5\n6\n7\n8\n9\n", "1\nx\n3\n4\n5\n6\n7\ny\n9\n", 3, 1,
          "--- expected\n+++ actual\n"
          "@@ -1,9 +1,9 @@\n 1\n-2\n+x\n 3\n 4\n 5\n 6\n 7\n-8\n+y\n 9\n");
}

Test(diff, zero_context)
{
    check("a\nb\nc\n", "a\nc\n", 0, 1, "--- expected\n+++ actual\n@@ -2 +1,0 @@\n-b\n");
}

/* Applies a unified diff's hunks to `a` (the expected) and returns the
 * resulting text: the check that a diff is correct whatever its shape. */
static char *apply(const char *a, const char *diff)
{
    DiffLine *la;
    long n = diff_split(a, strlen(a), &la);
    char *out = NULL;
    size_t olen = 0;
    FILE *f = open_memstream(&out, &olen);
    long next = 0;                  /* next line of a not yet copied */
    const char *p = diff;
    char last = 0;                  /* marker of the previous line */
    /* skip the two header lines */
    for (int i = 0; i < 2 && *p; i++) p = strchr(p, '\n') + 1;
    while (*p) {
        const char *eol = strchr(p, '\n');
        cr_assert_not_null(eol);
        if (*p == '@') {
            long a0, ac = 1;
            if (sscanf(p, "@@ -%ld,%ld", &a0, &ac) < 1) cr_assert_fail("bad hunk %s", p);
            long first = ac == 0 ? a0 : a0 - 1;   /* 0-based index of the hunk's first line */
            while (next < first) fwrite(la[next].p, 1, la[next].n, f), next++;
        } else if (*p == ' ') {
            fwrite(p + 1, 1, (size_t)(eol - p), f), next++;
        } else if (*p == '-') {
            next++;
        } else if (*p == '+') {
            fwrite(p + 1, 1, (size_t)(eol - p), f);
        } else if (*p == '\\' && last != '-') {
            fflush(f);
            fseek(f, -1, SEEK_CUR);   /* the previous output line had no newline */
            fflush(f);
        }
        last = *p;
        p = eol + 1;
    }
    while (next < n) fwrite(la[next].p, 1, la[next].n, f), next++;
    fclose(f);
    free(la);
    return out;
}

Test(diff, random_texts_round_trip)
{
    srand(42);
    for (int round = 0; round < 300; round++) {
        char a[512] = "", b[512] = "";
        int na = rand() % 25, nb = rand() % 25;
        for (int i = 0; i < na; i++) strcat(a, (const char *[]){"a\n", "b\n", "c\n", "d\n"}[rand() % 4]);
        for (int i = 0; i < nb; i++) strcat(b, (const char *[]){"a\n", "b\n", "c\n", "d\n"}[rand() % 4]);
        if (round % 5 == 0 && nb) b[strlen(b) - 1] = 0;   /* sometimes no final newline */
        int hunks;
        char *d = run_diff(a, b, round % 4, &hunks);
        cr_assert_eq(hunks == 0, strcmp(a, b) == 0);
        char *back = apply(a, d);
        cr_assert_str_eq(back, b, "round %d\na:\n%s\nb:\n%s\ndiff:\n%s", round, a, b, d);
        free(back);
        free(d);
    }
}

Test(diff, very_different_texts_still_correct)
{
    /* enough lines that the distance passes DIFF_MAX_D: falls back to replace-all */
    size_t cap = 6 * 5000 + 1;
    char *a = malloc(cap), *b = malloc(cap);
    char *pa = a, *pb = b;
    for (int i = 0; i < 5000; i++) {
        pa += sprintf(pa, "a%d\n", i % 10);
        pb += sprintf(pb, "b%d\n", i % 10);
    }
    int hunks;
    char *d = run_diff(a, b, 3, &hunks);
    cr_assert_eq(hunks, 1);
    char *back = apply(a, d);
    cr_assert_str_eq(back, b);
    free(back);
    free(d);
    free(a);
    free(b);
}
