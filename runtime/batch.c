/* batch.c - allocation of batches (see batch.h). */
#include "batch.h"
#include "weir.h"

#include <stdlib.h>
#include <string.h>

int batch_init(Batch *b, int ncols, int cap)
{
    memset(b, 0, sizeof *b);
    b->ncols = ncols;
    b->cap = cap;
    size_t nv = (size_t)cap * (size_t)(ncols > 0 ? ncols : 1);
    b->vals = calloc(nv, sizeof(Value));
    b->wm = malloc((size_t)cap * sizeof(int64_t));
    b->wm_prev = malloc((size_t)cap * sizeof(int64_t));
    b->pos = calloc((size_t)cap, sizeof(int64_t));
    b->part = calloc((size_t)cap, sizeof(int32_t));
    arena_init(&b->text);
    if (!b->vals || !b->wm || !b->wm_prev || !b->pos || !b->part) {
        batch_free(b);
        return WEIR_NOMEM;
    }
    return WEIR_OK;
}

void batch_reset(Batch *b)
{
    b->nrows = 0;
    arena_reset(&b->text);
}

void batch_free(Batch *b)
{
    free(b->vals);
    free(b->wm);
    free(b->wm_prev);
    free(b->pos);
    free(b->part);
    arena_free(&b->text);
    memset(b, 0, sizeof *b);
}
