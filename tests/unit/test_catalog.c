/*
 * test_catalog.c - unit tests of the sqlite3 catalog (catalog/catalog.c):
 * put/get/drop/list, duplicate names, persistence across opens of one file,
 * and refusal of files that are not catalogs.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "catalog.h"

static CatColumn tx_cols[] = {
    {"transaction_id", TYPE_VARCHAR, 0, false},
    {"ts", TYPE_TIMESTAMP, 3, false},
    {"amount", TYPE_DOUBLE, 0, false},
    {"pt", TYPE_NULL, 0, true},
};
static const char *tx_keys[] = {"connector", "path", "format"};
static const char *tx_values[] = {"file", "tx.csv", "csv"};

static CatObject make_obj(const char *name, ObjKind kind)
{
    CatObject o = {
        .name = name, .kind = kind, .ddl = "CREATE SOURCE x (...)", .base_dir = "/data",
        .ncols = 4, .cols = tx_cols, .nopts = 3, .opt_keys = tx_keys, .opt_values = tx_values,
    };
    return o;
}

/* A fresh temporary file name (the file itself does not exist). */
static void temp_path(char *buf, size_t n)
{
    snprintf(buf, n, "/tmp/weir_test_catalog_%d_XXXXXX", (int)getpid());
    int fd = mkstemp(buf);
    cr_assert(fd >= 0);
    close(fd);
    unlink(buf);
}

Test(catalog, put_get_roundtrip)
{
    Catalog *c;
    WeirError err;
    err_clear(&err);
    cr_assert_eq(cat_open(NULL, &c, &err), WEIR_OK, "%s", err.msg);
    CatObject o = make_obj("transactions", OBJ_SOURCE);
    cr_assert_eq(cat_put(c, &o, &err), WEIR_OK, "%s", err.msg);

    Arena a;
    arena_init(&a);
    CatObject *g = NULL;
    cr_assert_eq(cat_get(c, "transactions", &a, &g, &err), WEIR_OK);
    cr_assert_not_null(g);
    cr_assert_str_eq(g->name, "transactions");
    cr_assert_eq(g->kind, OBJ_SOURCE);
    cr_assert_str_eq(g->ddl, "CREATE SOURCE x (...)");
    cr_assert_str_eq(g->base_dir, "/data");
    cr_assert_eq(g->ncols, 4);
    for (int i = 0; i < 4; i++) {
        cr_assert_str_eq(g->cols[i].name, tx_cols[i].name);
        cr_assert_eq(g->cols[i].type, tx_cols[i].type);
        cr_assert_eq(g->cols[i].type_len, tx_cols[i].type_len);
        cr_assert_eq(g->cols[i].computed, tx_cols[i].computed);
    }
    cr_assert_eq(g->nopts, 3);
    for (int i = 0; i < 3; i++) {
        cr_assert_str_eq(g->opt_keys[i], tx_keys[i]);
        cr_assert_str_eq(g->opt_values[i], tx_values[i]);
    }
    /* unknown name: OK with NULL; lookups are exact */
    cr_assert_eq(cat_get(c, "nope", &a, &g, &err), WEIR_OK);
    cr_assert_null(g);
    cr_assert_eq(cat_get(c, "Transactions", &a, &g, &err), WEIR_OK);
    cr_assert_null(g);
    arena_free(&a);
    cat_close(c);
}

Test(catalog, empty_object)
{
    Catalog *c;
    WeirError err;
    cr_assert_eq(cat_open("", &c, &err), WEIR_OK);
    CatObject o = {.name = "v", .kind = OBJ_VIEW, .ddl = "CREATE VIEW v AS SELECT 1"};
    cr_assert_eq(cat_put(c, &o, &err), WEIR_OK, "%s", err.msg);
    Arena a;
    arena_init(&a);
    CatObject *g = NULL;
    cr_assert_eq(cat_get(c, "v", &a, &g, &err), WEIR_OK);
    cr_assert_not_null(g);
    cr_assert_eq(g->ncols, 0);
    cr_assert_eq(g->nopts, 0);
    cr_assert_str_eq(g->base_dir, "");
    arena_free(&a);
    cat_close(c);
}

Test(catalog, duplicate_names)
{
    Catalog *c;
    WeirError err;
    err_clear(&err);
    cr_assert_eq(cat_open(NULL, &c, &err), WEIR_OK);
    CatObject o = make_obj("t", OBJ_SOURCE);
    cr_assert_eq(cat_put(c, &o, &err), WEIR_OK);
    /* same name, other kind: still a duplicate */
    CatObject o2 = make_obj("t", OBJ_SINK);
    o2.ncols = 1;
    cr_assert_eq(cat_put(c, &o2, &err), WEIR_ERROR);
    cr_assert(strstr(err.msg, "\"t\"") != NULL, "%s", err.msg);
    cr_assert(strstr(err.msg, "already exists") != NULL, "%s", err.msg);

    /* the failed put left nothing behind: the original is whole */
    Arena a;
    arena_init(&a);
    CatObject *g = NULL;
    cr_assert_eq(cat_get(c, "t", &a, &g, &err), WEIR_OK);
    cr_assert_eq(g->kind, OBJ_SOURCE);
    cr_assert_eq(g->ncols, 4);
    /* and the catalog still works afterwards */
    CatObject o3 = make_obj("u", OBJ_SINK);
    cr_assert_eq(cat_put(c, &o3, &err), WEIR_OK, "%s", err.msg);
    arena_free(&a);
    cat_close(c);
}

Test(catalog, drop_and_list)
{
    Catalog *c;
    WeirError err;
    cr_assert_eq(cat_open(NULL, &c, &err), WEIR_OK);
    const char *names[] = {"zeta", "alpha", "mid", "sink1"};
    ObjKind kinds[] = {OBJ_SOURCE, OBJ_SOURCE, OBJ_VIEW, OBJ_SINK};
    for (int i = 0; i < 4; i++) {
        CatObject o = make_obj(names[i], kinds[i]);
        cr_assert_eq(cat_put(c, &o, &err), WEIR_OK, "%s", err.msg);
    }
    Arena a;
    arena_init(&a);
    const char **v;
    int n;
    cr_assert_eq(cat_list(c, OBJ_NONE, &a, &v, &n, &err), WEIR_OK);
    cr_assert_eq(n, 4);
    cr_assert_str_eq(v[0], "alpha");
    cr_assert_str_eq(v[1], "mid");
    cr_assert_str_eq(v[2], "sink1");
    cr_assert_str_eq(v[3], "zeta");
    cr_assert_eq(cat_list(c, OBJ_SOURCE, &a, &v, &n, &err), WEIR_OK);
    cr_assert_eq(n, 2);
    cr_assert_str_eq(v[0], "alpha");
    cr_assert_str_eq(v[1], "zeta");
    cr_assert_eq(cat_list(c, OBJ_TABLE, &a, &v, &n, &err), WEIR_OK);
    cr_assert_eq(n, 0);

    bool found = false;
    cr_assert_eq(cat_drop(c, "alpha", &found, &err), WEIR_OK);
    cr_assert(found);
    cr_assert_eq(cat_drop(c, "alpha", &found, &err), WEIR_OK);
    cr_assert_not(found);
    CatObject *g = (CatObject *)1;
    cr_assert_eq(cat_get(c, "alpha", &a, &g, &err), WEIR_OK);
    cr_assert_null(g);
    cr_assert_eq(cat_list(c, OBJ_SOURCE, &a, &v, &n, &err), WEIR_OK);
    cr_assert_eq(n, 1);
    cr_assert_str_eq(v[0], "zeta");

    /* re-creating a dropped name works and its columns are not doubled
     * (columns and options went with the object) */
    CatObject o = make_obj("alpha", OBJ_TABLE);
    o.ncols = 2;
    o.nopts = 1;
    cr_assert_eq(cat_put(c, &o, &err), WEIR_OK, "%s", err.msg);
    cr_assert_eq(cat_get(c, "alpha", &a, &g, &err), WEIR_OK);
    cr_assert_eq(g->kind, OBJ_TABLE);
    cr_assert_eq(g->ncols, 2);
    cr_assert_eq(g->nopts, 1);
    arena_free(&a);
    cat_close(c);
}

Test(catalog, persists_across_opens)
{
    char path[128];
    temp_path(path, sizeof path);
    Catalog *c1, *c2;
    WeirError err;
    cr_assert_eq(cat_open(path, &c1, &err), WEIR_OK, "%s", err.msg);
    CatObject o = make_obj("transactions", OBJ_SOURCE);
    cr_assert_eq(cat_put(c1, &o, &err), WEIR_OK, "%s", err.msg);

    /* a second open of the same file, while the first is still open */
    cr_assert_eq(cat_open(path, &c2, &err), WEIR_OK, "%s", err.msg);
    Arena a;
    arena_init(&a);
    CatObject *g = NULL;
    cr_assert_eq(cat_get(c2, "transactions", &a, &g, &err), WEIR_OK);
    cr_assert_not_null(g);
    cr_assert_eq(g->ncols, 4);
    cr_assert_str_eq(g->opt_values[1], "tx.csv");
    cat_close(c2);
    cat_close(c1);

    /* and after both are closed */
    cr_assert_eq(cat_open(path, &c1, &err), WEIR_OK, "%s", err.msg);
    cr_assert_eq(cat_get(c1, "transactions", &a, &g, &err), WEIR_OK);
    cr_assert_not_null(g);
    cr_assert_str_eq(g->cols[0].name, "transaction_id");
    bool found;
    cr_assert_eq(cat_drop(c1, "transactions", &found, &err), WEIR_OK);
    cr_assert(found);
    cat_close(c1);
    cr_assert_eq(cat_open(path, &c1, &err), WEIR_OK, "%s", err.msg);
    cr_assert_eq(cat_get(c1, "transactions", &a, &g, &err), WEIR_OK);
    cr_assert_null(g);
    cat_close(c1);
    arena_free(&a);
    unlink(path);
}

Test(catalog, refuses_non_database)
{
    char path[128];
    temp_path(path, sizeof path);
    FILE *f = fopen(path, "w");
    cr_assert_not_null(f);
    for (int i = 0; i < 200; i++) fputs("this is not a sqlite3 database at all\n", f);
    fclose(f);
    Catalog *c = (Catalog *)1;
    WeirError err;
    err_clear(&err);
    cr_assert_eq(cat_open(path, &c, &err), WEIR_IOERR);
    cr_assert_null(c);
    cr_assert_eq(err.code, WEIR_IOERR);
    cr_assert(strstr(err.msg, path) != NULL, "message should name the path: %s", err.msg);
    unlink(path);
}

Test(catalog, refuses_unopenable_path)
{
    Catalog *c = (Catalog *)1;
    WeirError err;
    err_clear(&err);
    const char *path = "/nonexistent_dir_weir/sub/catalog.db";
    cr_assert_eq(cat_open(path, &c, &err), WEIR_IOERR);
    cr_assert_null(c);
    cr_assert(strstr(err.msg, path) != NULL, "%s", err.msg);
}
