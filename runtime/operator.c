/* operator.c - defaults shared by operators (see operator.h). */
#include "operator.h"

#include "weir.h"

int op_forward_watermark(Operator *op, int64_t wm)
{
    return op->next ? op_watermark(op->next, wm) : WEIR_OK;
}

int op_forward_finish(Operator *op)
{
    return op->next ? op_finish(op->next) : WEIR_OK;
}

int op_emit_flush(Operator *op, Batch *out)
{
    if (out->nrows == 0) return WEIR_OK;
    int rc = op->next ? op_push(op->next, out) : WEIR_OK;
    batch_reset(out);
    return rc;
}
