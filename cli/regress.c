/*
 * regress.c - `weir --test PATH... [--update]`, the regression runner.
 *
 * A case is NAME.sql with NAME.out beside it (the expected stdout of
 * `weir --format csv NAME.sql`) and, when the case is expected to fail,
 * NAME.err: the expected stderr followed by a last line `exit status N`.
 * A NAME.err may also pin the stderr of a case that succeeds (its summary's
 * counts), ending `exit status 0`.  Without NAME.err the exit status must be 0
 * and stderr is not compared.
 * In stderr, `elapsed 0.004s` reads `elapsed *` on both sides.
 *
 * Directories are searched recursively for *.sql, sorted by path.  Each case
 * runs this very binary (/proc/self/exe) as a child in the case's directory,
 * so file names in messages are stable, with stdin from /dev/null and a
 * time limit (60 s, or $WEIR_TEST_TIMEOUT seconds): a hang is a failure.
 * Cases run one at a time.  A failure prints `FAIL path` and unified diffs;
 * the last line is `N passed, N failed`.  --update rewrites NAME.out, and
 * NAME.err when the case failed or already has one, from what it printed.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "diff.h"

#define REGRESS_TIMEOUT_S 60
#define REGRESS_CONTEXT   3

/* A growable list of malloc'ed paths. */
typedef struct RegList {
    char **v;
    size_t n, cap;
} RegList;

/* A growable byte buffer (always NUL-terminated when non-empty). */
typedef struct RegBuf {
    char *p;
    size_t n, cap;
} RegBuf;

/* What one case printed. */
typedef struct RegResult {
    RegBuf out, err;
    int status;               /* exit status; 128+signal when killed */
    bool timed_out;
} RegResult;

static int reg_push(RegList *l, char *s)
{
    if (!s) return -1;
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 64;
        char **v = realloc(l->v, cap * sizeof *v);
        if (!v) {
            free(s);
            return -1;
        }
        l->v = v;
        l->cap = cap;
    }
    l->v[l->n++] = s;
    return 0;
}

static int reg_append(RegBuf *b, const char *s, size_t n)
{
    if (b->n + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 4096;
        while (cap < b->n + n + 1) cap *= 2;
        char *p = realloc(b->p, cap);
        if (!p) return -1;
        b->p = p;
        b->cap = cap;
    }
    memcpy(b->p + b->n, s, n);
    b->n += n;
    b->p[b->n] = 0;
    return 0;
}

static void reg_list_free(RegList *l)
{
    for (size_t i = 0; i < l->n; i++) free(l->v[i]);
    free(l->v);
}

static int reg_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* dir + "/" + name, malloc'ed. */
static char *reg_join(const char *dir, const char *name)
{
    size_t n = strlen(dir);
    bool slash = n && dir[n - 1] == '/';
    size_t sz = n + strlen(name) + 2;
    char *p = malloc(sz);
    if (p) snprintf(p, sz, "%s%s%s", dir, slash ? "" : "/", name);
    return p;
}

static bool reg_is_sql(const char *name)
{
    size_t n = strlen(name);
    return n > 4 && !strcmp(name + n - 4, ".sql");
}

/* Adds every *.sql under dir (recursively) to l.  Returns 0 or -1 (errno). */
static int reg_collect_dir(const char *dir, RegList *l)
{
    DIR *d = opendir(dir);
    if (!d) return -1;
    struct dirent *e;
    int rc = 0;
    while (rc == 0 && (e = readdir(d))) {
        if (e->d_name[0] == '.') continue;     /* ., .., hidden files */
        char *p = reg_join(dir, e->d_name);
        struct stat st;
        if (!p) rc = -1;
        else if (stat(p, &st) != 0) free(p);   /* dangling link: not a case */
        else if (S_ISDIR(st.st_mode)) {
            rc = reg_collect_dir(p, l);
            free(p);
        } else if (S_ISREG(st.st_mode) && reg_is_sql(e->d_name)) {
            rc = reg_push(l, p);
        } else {
            free(p);
        }
    }
    closedir(d);
    return rc;
}

/* Reads a whole file into b; returns 0, or -1 with errno (ENOENT: none). */
static int reg_read(const char *path, RegBuf *b)
{
    size_t n;
    char *s = cli_read_file(path, &n);
    if (!s) return -1;
    b->n = 0;
    int rc = reg_append(b, s, n);
    free(s);
    return rc;
}

static int reg_write(const char *path, const char *s, size_t n)
{
    FILE *f = fopen(path, "wb");
    if (!f) return -1;
    size_t w = fwrite(s, 1, n, f);
    return (fclose(f) == 0 && w == n) ? 0 : -1;
}

/* Replaces "elapsed <digits and dots>s" with "elapsed *" in s; returns a
 * malloc'ed copy. */
static char *reg_normalise(const char *s, size_t n, size_t *out_len)
{
    RegBuf b = {0};
    reg_append(&b, "", 0);
    static const char key[] = "elapsed ";
    size_t i = 0;
    while (i < n) {
        const char *hit = memmem(s + i, n - i, key, sizeof key - 1);
        if (!hit) {
            reg_append(&b, s + i, n - i);
            break;
        }
        size_t at = (size_t)(hit - s) + sizeof key - 1, j = at;
        while (j < n && ((s[j] >= '0' && s[j] <= '9') || s[j] == '.')) j++;
        if (j > at && j < n && s[j] == 's') {
            reg_append(&b, s + i, at - i);
            reg_append(&b, "*", 1);
            i = j + 1;
        } else {
            reg_append(&b, s + i, at - i);
            i = at;
        }
    }
    *out_len = b.n;
    return b.p;
}

/* The path of this binary, for the children. */
static const char *reg_self(void)
{
    static char self[PATH_MAX];
    if (!self[0]) {
        ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
        if (n <= 0) snprintf(self, sizeof self, "/proc/self/exe");
        else self[n] = 0;
    }
    return self;
}

static long reg_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

/* Runs `weir --format csv base` in dir, capturing stdout, stderr and the
 * exit status into r.  Returns 0, or -1 when the child could not start. */
static int reg_spawn(const char *dir, const char *base, int timeout_s, RegResult *r)
{
    int po[2], pe[2];
    if (pipe(po) != 0) return -1;
    if (pipe(pe) != 0) {
        close(po[0]), close(po[1]);
        return -1;
    }
    fflush(stdout);
    fflush(stderr);
    pid_t pid = fork();
    if (pid < 0) {
        close(po[0]), close(po[1]), close(pe[0]), close(pe[1]);
        return -1;
    }
    if (pid == 0) {
        int devnull = open("/dev/null", O_RDONLY);
        if (devnull >= 0) dup2(devnull, STDIN_FILENO);
        dup2(po[1], STDOUT_FILENO);
        dup2(pe[1], STDERR_FILENO);
        close(po[0]), close(po[1]), close(pe[0]), close(pe[1]);
        if (chdir(dir) != 0) {
            fprintf(stderr, "weir --test: cannot enter %s: %s\n", dir, strerror(errno));
            _exit(127);
        }
        char *argv[] = {"weir", "--format", "csv", (char *)base, NULL};
        execv(reg_self(), argv);
        fprintf(stderr, "weir --test: cannot run %s: %s\n", reg_self(), strerror(errno));
        _exit(127);
    }
    close(po[1]);
    close(pe[1]);
    struct pollfd fds[2] = {{.fd = po[0], .events = POLLIN}, {.fd = pe[0], .events = POLLIN}};
    RegBuf *bufs[2] = {&r->out, &r->err};
    int open_fds = 2;
    long deadline = reg_now_ms() + timeout_s * 1000L;
    char chunk[65536];
    while (open_fds > 0) {
        long left = deadline - reg_now_ms();
        if (left <= 0) {
            r->timed_out = true;
            kill(pid, SIGKILL);
            break;
        }
        int n = poll(fds, 2, (int)(left > 1000 ? 1000 : left));
        if (n < 0 && errno != EINTR) break;
        for (int k = 0; k < 2 && n > 0; k++) {
            if (fds[k].fd < 0 || !(fds[k].revents & (POLLIN | POLLHUP | POLLERR))) continue;
            ssize_t got = read(fds[k].fd, chunk, sizeof chunk);
            if (got > 0) {
                reg_append(bufs[k], chunk, (size_t)got);
            } else if (got == 0 || errno != EINTR) {
                close(fds[k].fd);
                fds[k].fd = -1;
                open_fds--;
            }
        }
    }
    for (int k = 0; k < 2; k++)
        if (fds[k].fd >= 0) close(fds[k].fd);
    int st = 0;
    while (waitpid(pid, &st, 0) < 0 && errno == EINTR) {}
    r->status = WIFEXITED(st) ? WEXITSTATUS(st) : WIFSIGNALED(st) ? 128 + WTERMSIG(st) : 255;
    reg_append(&r->out, "", 0);   /* NUL-terminated even when empty */
    reg_append(&r->err, "", 0);
    return 0;
}

/* Prints "FAIL path" once per case. */
static void reg_fail_header(const char *path, bool *printed)
{
    if (!*printed) printf("FAIL %s\n", path);
    *printed = true;
}

/* Compares expected and actual after normalising both; on a difference prints
 * the FAIL header (once), an optional note and the diff.  Returns true when equal. */
static bool reg_compare(const char *path, bool *failed, const char *what,
                        const char *exp, size_t elen, const char *act, size_t alen, bool normalise)
{
    char *ne = NULL, *na = NULL;
    if (normalise) {
        ne = reg_normalise(exp, elen, &elen);
        na = reg_normalise(act, alen, &alen);
        exp = ne ? ne : exp;
        act = na ? na : act;
    }
    bool same = elen == alen && memcmp(exp, act, elen) == 0;
    if (!same) {
        reg_fail_header(path, failed);
        printf("  %s differs:\n", what);
        diff_unified(stdout, exp, elen, act, alen, "expected", "actual", REGRESS_CONTEXT);
    }
    free(ne);
    free(na);
    return same;
}

/* Replaces the trailing ".sql" of path with ext (".out", ".err"); malloc'ed. */
static char *reg_sibling(const char *path, const char *ext)
{
    size_t n = strlen(path) - 4;
    char *p = malloc(n + strlen(ext) + 1);
    if (p) {
        memcpy(p, path, n);
        strcpy(p + n, ext);
    }
    return p;
}

/* Runs one case; returns true when it passed (or was updated). */
static bool reg_case(const char *path, bool update, int timeout_s)
{
    bool failed = false;
    char *dir_end = strrchr(path, '/');
    char dir[PATH_MAX];
    const char *base = path;
    if (dir_end) {
        snprintf(dir, sizeof dir, "%.*s", (int)(dir_end - path) ? (int)(dir_end - path) : 1, path);
        base = dir_end + 1;
    } else {
        snprintf(dir, sizeof dir, ".");
    }
    char *out_path = reg_sibling(path, ".out"), *err_path = reg_sibling(path, ".err");
    RegResult r = {0};
    RegBuf exp_out = {0}, exp_err = {0}, act_err = {0};
    if (!out_path || !err_path || reg_spawn(dir, base, timeout_s, &r) != 0) {
        reg_fail_header(path, &failed);
        printf("  cannot run: %s\n", strerror(errno));
        goto done;
    }
    if (r.timed_out) {
        reg_fail_header(path, &failed);
        printf("  timed out after %d s\n", timeout_s);
        goto done;
    }
    char status_line[48];
    snprintf(status_line, sizeof status_line, "exit status %d\n", r.status);
    reg_append(&act_err, r.err.p, r.err.n);
    reg_append(&act_err, status_line, strlen(status_line));

    if (update) {
        size_t nlen;
        char *norm = reg_normalise(act_err.p, act_err.n, &nlen);
        bool ok = reg_write(out_path, r.out.p, r.out.n) == 0;
        /* A failing case, or one whose .err pins its stderr on purpose (a
         * summary's counts), gets a new .err. */
        if (r.status != 0 || access(err_path, F_OK) == 0) ok = ok && norm && reg_write(err_path, norm, nlen) == 0;
        free(norm);
        if (!ok) {
            reg_fail_header(path, &failed);
            printf("  cannot update the expected files: %s\n", strerror(errno));
        }
        goto done;
    }

    if (reg_read(out_path, &exp_out) != 0) {
        reg_fail_header(path, &failed);
        printf("  missing %s (run with --update to create it)\n", out_path);
    }
    reg_compare(path, &failed, "stdout", exp_out.p ? exp_out.p : "", exp_out.n,
                r.out.p, r.out.n, false);
    if (reg_read(err_path, &exp_err) == 0) {
        reg_compare(path, &failed, "stderr and exit status", exp_err.p, exp_err.n,
                    act_err.p, act_err.n, true);
    } else if (r.status != 0) {
        const char *want = "exit status 0\n";
        reg_compare(path, &failed, "stderr and exit status (no .err file: expected success)",
                    want, strlen(want), act_err.p, act_err.n, true);
    }
done:
    free(out_path);
    free(err_path);
    free(r.out.p);
    free(r.err.p);
    free(exp_out.p);
    free(exp_err.p);
    free(act_err.p);
    return !failed;
}

int cli_regress(int npaths, char **paths, bool update)
{
    RegList cases = {0};
    for (int i = 0; i < npaths; i++) {
        struct stat st;
        if (stat(paths[i], &st) != 0) {
            fprintf(stderr, "weir: --test %s: %s\n", paths[i], strerror(errno));
            reg_list_free(&cases);
            return CLI_EXIT_USAGE;
        }
        if (S_ISDIR(st.st_mode)) {
            size_t from = cases.n;
            if (reg_collect_dir(paths[i], &cases) != 0) {
                fprintf(stderr, "weir: --test %s: %s\n", paths[i], strerror(errno));
                reg_list_free(&cases);
                return CLI_EXIT_USAGE;
            }
            if (cases.n > from) qsort(cases.v + from, cases.n - from, sizeof *cases.v, reg_cmp);
        } else if (reg_is_sql(paths[i])) {
            if (reg_push(&cases, strdup(paths[i])) != 0) {
                fputs("weir: out of memory\n", stderr);
                reg_list_free(&cases);
                return CLI_EXIT_DATA;
            }
        } else {
            fprintf(stderr, "weir: --test %s: not a directory or a .sql file\n", paths[i]);
            reg_list_free(&cases);
            return CLI_EXIT_USAGE;
        }
    }
    int timeout_s = REGRESS_TIMEOUT_S;
    const char *env = getenv("WEIR_TEST_TIMEOUT");
    if (env && atoi(env) > 0) timeout_s = atoi(env);

    int passed = 0, failed = 0;
    for (size_t i = 0; i < cases.n; i++) {
        if (reg_case(cases.v[i], update, timeout_s)) passed++;
        else failed++;
        fflush(stdout);
        free(cases.v[i]);
    }
    free(cases.v);
    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
