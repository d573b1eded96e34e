/*
 * arena.h - bump allocator for memory that lives and dies together.
 *
 * Parsing and planning allocate every AST node, string and plan node from one
 * arena per statement and free it with one call; operators keep group keys in
 * an arena of their own.  Nothing allocated here is freed on its own.
 */
#ifndef WEIR_ARENA_H
#define WEIR_ARENA_H

#include <stddef.h>

typedef struct ArenaBlock ArenaBlock;
typedef struct Arena {
    ArenaBlock *head;   /* newest block; older blocks chain behind it */
    size_t used;        /* bytes used in head */
    size_t total;       /* bytes handed out, for memory accounting */
} Arena;

void  arena_init(Arena *a);
/* Memory aligned to 16 bytes, zeroed.  Returns NULL only when malloc fails. */
void *arena_alloc(Arena *a, size_t n);
/* Copies n bytes of s and a NUL into the arena. */
char *arena_strndup(Arena *a, const char *s, size_t n);
char *arena_strdup(Arena *a, const char *s);
/* printf into the arena. */
char *arena_printf(Arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Forgets everything allocated but keeps the newest block for reuse, so an
 * arena reset once per batch allocates nothing in the steady state. */
void  arena_reset(Arena *a);
/* Frees every block; the arena may be used again afterwards. */
void  arena_free(Arena *a);

#endif
