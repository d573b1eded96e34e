/* keytab.c - pool + linear-probing index (see keytab.h). */
#include "keytab.h"

#include <stdlib.h>
#include <string.h>

int kt_init(KeyTab *t, size_t payload)
{
    memset(t, 0, sizeof *t);
    t->esize = (sizeof(KeyEntry) + payload + 15) & ~(size_t)15;
    t->mask = 63;
    t->slots = calloc(t->mask + 1, sizeof(uint32_t));
    return t->slots ? 0 : -1;
}

void kt_free(KeyTab *t)
{
    free(t->pool);
    free(t->slots);
    memset(t, 0, sizeof *t);
}

static void slot_place(KeyTab *t, uint32_t idx)
{
    uint32_t i = kt_first(t, kt_entry(t, idx)->hash);
    while (t->slots[i]) i = kt_next(t, i);
    t->slots[i] = idx;
}

static int grow_slots(KeyTab *t)
{
    uint32_t oldn = t->mask + 1, *old = t->slots;
    uint32_t n = oldn * 2;
    t->slots = calloc(n, sizeof(uint32_t));
    if (!t->slots) {
        t->slots = old;
        return -1;
    }
    t->mask = n - 1;
    for (uint32_t i = 0; i < oldn; i++)
        if (old[i]) slot_place(t, old[i]);
    free(old);
    return 0;
}

uint32_t kt_insert(KeyTab *t, uint64_t hash)
{
    if ((t->count + 1) * 2 > t->mask + 1 && grow_slots(t)) return 0;
    uint32_t idx;
    if (t->free_head) {
        idx = t->free_head;
        t->free_head = kt_entry(t, idx)->next;
    } else {
        if (t->nentries == t->cap_entries) {
            uint32_t cap = t->cap_entries ? t->cap_entries * 2 : 64;
            unsigned char *p = realloc(t->pool, (size_t)cap * t->esize);
            if (!p) return 0;
            t->pool = p;
            t->cap_entries = cap;
        }
        idx = ++t->nentries;
    }
    KeyEntry *e = kt_entry(t, idx);
    memset(e, 0, t->esize);
    e->hash = hash;
    e->live = 1;
    slot_place(t, idx);
    t->count++;
    return idx;
}

void kt_remove(KeyTab *t, uint32_t idx)
{
    KeyEntry *e = kt_entry(t, idx);
    uint32_t i = kt_first(t, e->hash);
    while (t->slots[i] != idx) i = kt_next(t, i);
    /* Backward-shift: move later members of the run into the hole when their
     * home slot is not between the hole and their position. */
    uint32_t j = i;
    for (;;) {
        j = kt_next(t, j);
        uint32_t cur = t->slots[j];
        if (!cur) break;
        uint32_t home = kt_first(t, kt_entry(t, cur)->hash);
        int between = (i <= j) ? (i < home && home <= j) : (i < home || home <= j);
        if (!between) {
            t->slots[i] = cur;
            i = j;
        }
    }
    t->slots[i] = 0;
    e->live = 0;
    e->next = t->free_head;
    t->free_head = idx;
    t->count--;
}

size_t kt_bytes(const KeyTab *t)
{
    return (size_t)t->cap_entries * t->esize + ((size_t)t->mask + 1) * sizeof(uint32_t);
}
