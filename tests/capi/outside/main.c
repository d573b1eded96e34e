/*
 * main.c - a small program outside the weir tree, built against an installed
 * weir (tests/capi/test_install.sh): only <weir.h> and the library.  It runs a
 * query over an api source it feeds and prints "outside: ok <version> <sum>".
 */
#include <stdio.h>
#include <string.h>

#include <weir.h>

int main(void)
{
    weir *w;
    weir_query *q;
    if (weir_open(NULL, NULL, &w) != WEIR_OK ||
        weir_exec(w, "CREATE SOURCE s (k VARCHAR, v BIGINT) WITH (connector = 'api', format = 'json')",
                  NULL, NULL) != WEIR_OK ||
        weir_query_open(w, "SELECT k, v * 2 AS v2 FROM s WHERE v > 1", &q) != WEIR_OK) {
        fprintf(stderr, "outside: %s\n", weir_errmsg(w));
        weir_close(w);
        return 1;
    }
    const char *recs[] = {"{\"k\":\"a\",\"v\":1}", "{\"k\":\"b\",\"v\":2}", "{\"k\":\"c\",\"v\":40}"};
    for (int i = 0; i < 3; i++) weir_source_push(w, "s", recs[i], strlen(recs[i]));
    weir_source_close(w, "s");
    long long sum = 0;
    int rc;
    while ((rc = weir_query_step(q)) == WEIR_ROW) sum += weir_column_int64(q, 1);
    if (rc != WEIR_DONE || weir_column_type(q, 1) != WEIR_BIGINT) {
        fprintf(stderr, "outside: step gave %d: %s\n", rc, weir_errmsg(w));
        weir_close(w);
        return 1;
    }
    printf("outside: ok %s %lld\n", weir_version(), sum);
    weir_close(w);
    return 0;
}
