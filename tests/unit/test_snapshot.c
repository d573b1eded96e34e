/*
 * test_snapshot.c - the checkpoint blob writer/reader (runtime/snapshot.h), the
 * aggregate state round trip (agg_snapshot/agg_restore) and the sqlite3 state
 * store (catalog/state.h): one transaction per checkpoint, refusals.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "agg.h"
#include "snapshot.h"
#include "state.h"

Test(snapshot, round_trip)
{
    SnapWriter w;
    snap_writer_init(&w);
    snap_put_u8(&w, 7);
    snap_put_u32(&w, 0xdeadbeef);
    snap_put_i64(&w, INT64_MIN);
    snap_put_f64(&w, -2.5);
    Value s = {.u.s = "hello", .len = 5}, n = {.null = 1}, i = {.u.i = -42};
    snap_put_value(&w, TYPE_VARCHAR, &s);
    snap_put_value(&w, TYPE_BIGINT, &n);
    snap_put_value(&w, TYPE_BIGINT, &i);
    cr_assert(!w.oom);

    SnapReader r;
    snap_reader_init(&r, w.data, w.len);
    cr_assert_eq(snap_get_u8(&r), 7);
    cr_assert_eq(snap_get_u32(&r), 0xdeadbeef);
    cr_assert_eq(snap_get_i64(&r), INT64_MIN);
    cr_assert_eq(snap_get_f64(&r), -2.5);
    Value v;
    snap_get_value(&r, TYPE_VARCHAR, &v);
    cr_assert(!v.null && v.len == 5 && !memcmp(v.u.s, "hello", 5));
    snap_get_value(&r, TYPE_BIGINT, &v);
    cr_assert(v.null);
    snap_get_value(&r, TYPE_BIGINT, &v);
    cr_assert(!v.null && v.u.i == -42);
    cr_assert(snap_done(&r));
    snap_writer_free(&w);
}

Test(snapshot, short_blob_is_bad_not_a_crash)
{
    SnapWriter w;
    snap_writer_init(&w);
    snap_put_str(&w, "abcdef", 6);
    SnapReader r;
    snap_reader_init(&r, w.data, w.len - 2);   /* cut off */
    uint32_t n;
    cr_assert_null(snap_get_str(&r, &n));
    cr_assert(!snap_ok(&r));
    cr_assert_eq(snap_get_i64(&r), 0);          /* stays bad, returns zeros */
    unsigned char huge[] = {0xff, 0xff, 0xff, 0x7f};   /* a length far past the end */
    snap_reader_init(&r, huge, sizeof huge);
    cr_assert_null(snap_get_str(&r, &n));
    cr_assert(!snap_ok(&r));
    snap_writer_free(&w);
}

/* Every kind of aggregate state survives a snapshot/restore. */
Test(snapshot, agg_states)
{
    AggSpec specs[] = {
        {AGG_COUNT_DISTINCT, TYPE_VARCHAR, TYPE_BIGINT, 0},
        {AGG_MAX, TYPE_VARCHAR, TYPE_VARCHAR, 0},
        {AGG_MIN, TYPE_VARCHAR, TYPE_VARCHAR, 0},
        {AGG_SUM, TYPE_DOUBLE, TYPE_DOUBLE, 0},
        {AGG_AVG, TYPE_BIGINT, TYPE_DOUBLE, 0},
        {AGG_COUNT_DISTINCT, TYPE_BIGINT, TYPE_BIGINT, 0},
    };
    int n = sizeof specs / sizeof specs[0];
    AggState st[6], back[6];
    const char *words[] = {"pear", "apple", "fig", "apple", "zucchini"};
    for (int a = 0; a < n; a++) {
        agg_init(&specs[a], &st[a]);
        for (int k = 0; k < 5; k++) {
            Value v = {0};
            if (specs[a].arg_type == TYPE_VARCHAR) {
                v.u.s = words[k];
                v.len = (uint32_t)strlen(words[k]);
            } else if (specs[a].arg_type == TYPE_DOUBLE) {
                v.u.d = k * 1.25;
            } else {
                v.u.i = k % 3;
            }
            cr_assert_eq(agg_add(&specs[a], &st[a], &v), 0);
        }
    }
    SnapWriter w;
    snap_writer_init(&w);
    for (int a = 0; a < n; a++) agg_snapshot(&specs[a], &st[a], &w);
    SnapReader r;
    snap_reader_init(&r, w.data, w.len);
    for (int a = 0; a < n; a++) {
        agg_init(&specs[a], &back[a]);
        cr_assert_eq(agg_restore(&specs[a], &back[a], &r), 0);
    }
    cr_assert(snap_done(&r));
    for (int a = 0; a < n; a++) {
        Value x, y;
        agg_result(&specs[a], &st[a], &x);
        agg_result(&specs[a], &back[a], &y);
        cr_assert_eq(x.null, y.null);
        if (specs[a].result_type == TYPE_VARCHAR) cr_assert(x.len == y.len && !memcmp(x.u.s, y.u.s, x.len));
        else cr_assert_eq(x.u.i, y.u.i, "aggregate %d", a);
    }
    /* The restored states keep working: another distinct value counts. */
    Value extra = {.u.s = "kiwi", .len = 4};
    agg_add(&specs[0], &back[0], &extra);
    Value c;
    agg_result(&specs[0], &back[0], &c);
    cr_assert_eq(c.u.i, 5);
    for (int a = 0; a < n; a++) {
        agg_free(&specs[a], &st[a]);
        agg_free(&specs[a], &back[a]);
    }
    snap_writer_free(&w);
}

static char *tmp_path(char *buf, size_t n)
{
    snprintf(buf, n, "/tmp/weir-test-state-%d.db", (int)getpid());
    unlink(buf);
    return buf;
}

Test(state, checkpoint_replace_finish_and_reopen)
{
    char path[128];
    tmp_path(path, sizeof path);
    WeirError err;
    err_clear(&err);
    StateStore *st;
    cr_assert_eq(state_open(path, false, &st, &err), WEIR_OK, "%s", err.msg);
    StateJobStatus status;
    char fp[32];
    int64_t ck;
    cr_assert_eq(state_job(st, 0, &status, fp, sizeof fp, &ck, &err), WEIR_OK);
    cr_assert_eq(status, STATE_JOB_NONE);

    cr_assert_eq(state_begin(st, &err), WEIR_OK);
    cr_assert_eq(state_put_part(st, 0, 0, -1, "abc", 3, &err), WEIR_OK);
    cr_assert_eq(state_put_part(st, 0, 1, -1, "", 0, &err), WEIR_OK);
    cr_assert_eq(state_put_part(st, 0, 2, -1, "xyz", 3, &err), WEIR_OK);
    cr_assert_eq(state_commit(st, 0, "fp1", 1, &err), WEIR_OK);
    /* A second checkpoint replaces the parts it writes (part 2 stays). */
    cr_assert_eq(state_begin(st, &err), WEIR_OK);
    cr_assert_eq(state_put_part(st, 0, 0, -1, "defg", 4, &err), WEIR_OK);
    cr_assert_eq(state_put_part(st, 0, 1, -1, "h", 1, &err), WEIR_OK);
    cr_assert_eq(state_commit(st, 0, "fp1", 2, &err), WEIR_OK);
    /* A rolled-back one changes nothing. */
    cr_assert_eq(state_begin(st, &err), WEIR_OK);
    cr_assert_eq(state_put_part(st, 0, 0, -1, "zz", 2, &err), WEIR_OK);
    state_rollback(st);
    state_close(st);

    cr_assert_eq(state_open(path, false, &st, &err), WEIR_OK, "%s", err.msg);
    cr_assert_eq(state_job(st, 0, &status, fp, sizeof fp, &ck, &err), WEIR_OK);
    cr_assert_eq(status, STATE_JOB_RUNNING);
    cr_assert_str_eq(fp, "fp1");
    cr_assert_eq(ck, 2);
    const void *data;
    size_t len;
    cr_assert_eq(state_get_part(st, 0, 0, -1, &data, &len, &err), WEIR_OK);
    cr_assert(len == 4 && !memcmp(data, "defg", 4));
    cr_assert_eq(state_get_part(st, 0, 2, -1, &data, &len, &err), WEIR_OK);
    cr_assert(len == 3 && !memcmp(data, "xyz", 3));
    cr_assert_eq(state_finish_job(st, 0, "fp1", &err), WEIR_OK);
    cr_assert_eq(state_job(st, 0, &status, fp, sizeof fp, &ck, &err), WEIR_OK);
    cr_assert_eq(status, STATE_JOB_FINISHED);
    cr_assert_eq(state_get_part(st, 0, 0, -1, &data, &len, &err), WEIR_OK);
    cr_assert_null(data);
    state_close(st);

    /* reset: a fresh file. */
    cr_assert_eq(state_open(path, true, &st, &err), WEIR_OK, "%s", err.msg);
    cr_assert_eq(state_job(st, 0, &status, fp, sizeof fp, &ck, &err), WEIR_OK);
    cr_assert_eq(status, STATE_JOB_NONE);
    state_close(st);
    unlink(path);
}

Test(state, refuses_a_file_that_is_not_sqlite)
{
    char path[128];
    tmp_path(path, sizeof path);
    FILE *f = fopen(path, "w");
    cr_assert_not_null(f);
    for (int i = 0; i < 20; i++) fputs("definitely not a database file\n", f);
    fclose(f);
    WeirError err;
    err_clear(&err);
    StateStore *st = NULL;
    cr_assert_eq(state_open(path, false, &st, &err), WEIR_IOERR);
    cr_assert_null(st);
    cr_assert(strstr(err.msg, "is damaged or not a sqlite3 file"), "%s", err.msg);
    /* --reset-state: the damaged file is replaced. */
    cr_assert_eq(state_open(path, true, &st, &err), WEIR_OK, "%s", err.msg);
    state_close(st);
    unlink(path);
}
