/* The chunked line reader and number parsing shared by the text readers
 * (see textio.h). */
#if !defined(_WIN32) && !defined(_POSIX_C_SOURCE)
#define _POSIX_C_SOURCE 200809L /* newlocale, uselocale, mkstemp, fsync, fileno */
#endif
#include "textio.h"

#include <errno.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h> /* close, fsync, getpid, readlink, unlink */

#define CHUNK (1 << 16)

/* ----------------------------------------------------------------- locale */
#if defined(LC_NUMERIC_MASK) && !defined(_WIN32)
void systec__c_locale_enter(systec__c_locale *l)
{
    l->c = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
    l->old = l->c ? uselocale(l->c) : (locale_t)0;
}
void systec__c_locale_leave(systec__c_locale *l)
{
    if (!l->c) return;
    uselocale(l->old);
    freelocale(l->c);
}
#else
void systec__c_locale_enter(systec__c_locale *l) { *l = 0; }
void systec__c_locale_leave(systec__c_locale *l) { (void)l; }
#endif

/* ------------------------------------------------------------ line reader */
#define PFAIL(...) systec__fail(SYSTEC_ERR_PARSE, __VA_ARGS__)

systec_status_t systec__reader_open(systec__reader *r, const char *path)
{
    memset(r, 0, sizeof *r);
    r->path = path;
    r->lcap = 256;
    r->chunk = systec__malloc(CHUNK);
    r->line = systec__malloc(r->lcap);
    if (!r->chunk || !r->line)
        return systec__fail(SYSTEC_ERR_OUT_OF_MEMORY, "%s: out of memory", path);
    r->line[0] = '\0';
    r->fp = fopen(path, "rb");
    if (!r->fp) return systec__fail(SYSTEC_ERR_IO, "%s: cannot open: %s", path, strerror(errno));
    /* Sniff the gzip magic; a plain file keeps these bytes in the chunk. */
    r->len = fread(r->chunk, 1, 2, r->fp);
    if (r->len < 2 && ferror(r->fp))
        return systec__fail(SYSTEC_ERR_IO, "%s: read error: %s", path, strerror(errno));
    if (r->len == 2 && (unsigned char)r->chunk[0] == 0x1f && (unsigned char)r->chunk[1] == 0x8b) {
        fclose(r->fp);
        r->fp = NULL;
        r->len = 0;
#ifdef SYSTEC_HAVE_ZLIB
        r->gz = gzopen(path, "rb");
        if (!r->gz)
            return systec__fail(SYSTEC_ERR_IO, "%s: cannot open: %s", path,
                                errno ? strerror(errno) : "zlib failure");
        gzbuffer(r->gz, 1 << 17);
#else
        return systec__fail(SYSTEC_ERR_UNSUPPORTED,
                            "%s: gzip-compressed file, but libsystec was built without zlib",
                            path);
#endif
    }
    return SYSTEC_SUCCESS;
}

void systec__reader_close(systec__reader *r)
{
    if (r->fp) fclose(r->fp);
#ifdef SYSTEC_HAVE_ZLIB
    if (r->gz) gzclose(r->gz);
    r->gz = NULL;
#endif
    systec__free(r->chunk);
    systec__free(r->line);
    r->fp = NULL;
    r->chunk = r->line = NULL;
}

/* Refills the chunk. Returns 1 if data was read, 0 at end of file, or an error status. */
static int rd_fill(systec__reader *r)
{
    r->pos = r->len = 0;
#ifdef SYSTEC_HAVE_ZLIB
    if (r->gz) {
        int got = gzread(r->gz, r->chunk, CHUNK);
        int err = Z_OK;
        const char *msg = gzerror(r->gz, &err);
        if (got < 0 || (got < CHUNK && err != Z_OK)) {
            size_t pl = strlen(r->path); /* drop the "<path>: " zlib puts first */
            if (strncmp(msg, r->path, pl) == 0 && msg[pl] == ':' && msg[pl + 1] == ' ')
                msg += pl + 2;
            return systec__fail(SYSTEC_ERR_IO, "%s: truncated or corrupt gzip data: %s", r->path,
                                err == Z_ERRNO ? strerror(errno) : msg);
        }
        r->len = (size_t)got;
        return got > 0;
    }
#endif
    r->len = fread(r->chunk, 1, CHUNK, r->fp);
    if (r->len < CHUNK && ferror(r->fp))
        return systec__fail(SYSTEC_ERR_IO, "%s: read error: %s", r->path, strerror(errno));
    return r->len > 0;
}

/* Appends n bytes to the line, growing it; beyond SYSTEC__MAX_LINE only marks too_long. */
static int rd_append(systec__reader *r, const char *s, size_t n)
{
    if (r->too_long || n == 0) return 0;
    if (r->llen + n > SYSTEC__MAX_LINE) {
        n = SYSTEC__MAX_LINE - r->llen;
        r->too_long = 1;
    }
    if (r->llen + n + 1 > r->lcap) {
        size_t cap = r->lcap ? r->lcap : 256;
        while (cap < r->llen + n + 1) cap *= 2;
        char *p = systec__realloc(r->line, cap);
        if (!p) return systec__fail(SYSTEC_ERR_OUT_OF_MEMORY, "%s: out of memory", r->path);
        r->line = p;
        r->lcap = cap;
    }
    memcpy(r->line + r->llen, s, n);
    r->llen += n;
    r->line[r->llen] = '\0';
    return 0;
}

int systec__reader_line(systec__reader *r)
{
    int any = 0;
    r->llen = 0;
    r->too_long = 0;
    r->line[0] = '\0';
    for (;;) {
        if (r->pos == r->len) {
            int st = r->eof ? 0 : rd_fill(r);
            if (st < 0) return st;
            if (st == 0) {
                r->eof = 1;
                break;
            }
        }
        const char *s = r->chunk + r->pos;
        const char *nl = memchr(s, '\n', r->len - r->pos);
        size_t take = nl ? (size_t)(nl - s) : r->len - r->pos;
        int st = rd_append(r, s, take);
        if (st < 0) return st;
        any = 1;
        r->pos += take + (nl != NULL);
        if (nl) break;
    }
    if (!any) return 0;
    if (r->llen > 0 && r->line[r->llen - 1] == '\r' && !r->too_long) r->line[--r->llen] = '\0';
    r->lineno++;
    return 1;
}

int systec__reader_data_line(systec__reader *r, char comment)
{
    for (;;) {
        int st = systec__reader_line(r);
        if (st <= 0) return st;
        const char *s = r->line;
        while (systec__is_space(*s)) s++;
        if (*s == comment) continue;
        if (r->too_long)
            return PFAIL("%s:%lld: line longer than %d bytes", r->path, r->lineno,
                         SYSTEC__MAX_LINE);
        if (memchr(r->line, '\0', r->llen))
            return PFAIL("%s:%lld: NUL byte in line", r->path, r->lineno);
        if (*s) return 1;
    }
}

/* ------------------------------------------------------------ tokenizing */
int systec__is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

int systec__split(char *s, char **tok, int max)
{
    int n = 0;
    for (;;) {
        while (systec__is_space(*s)) s++;
        if (!*s) return n;
        if (n < max) tok[n] = s;
        n++;
        while (*s && !systec__is_space(*s)) s++;
        if (*s) *s++ = '\0';
    }
}

int systec__parse_i64(const char *s, long long *v)
{
    char *end;
    errno = 0;
    *v = strtoll(s, &end, 10);
    return end != s && *end == '\0' && errno != ERANGE;
}

int systec__parse_double(const char *s, double *v)
{
    char *end;
    *v = strtod(s, &end);
    return end != s && *end == '\0';
}

/* ------------------------------------------------------- atomic writing */
/* What path names once symbolic links are followed (a link is written
 * through, never replaced by a regular file): a new string, or NULL with
 * the detail set. */
static char *resolve_links(const char *path)
{
    char *cur = systec__malloc(strlen(path) + 1);
    if (!cur) return NULL;
    strcpy(cur, path);
    for (int hop = 0; hop < 40; hop++) {
        struct stat st;
        if (lstat(cur, &st) != 0 || !S_ISLNK(st.st_mode)) return cur; /* absent or not a link */
        size_t cap = (size_t)st.st_size + 1 > 256 ? (size_t)st.st_size + 1 : 256;
        char *target = systec__malloc(cap);
        ssize_t len = target ? readlink(cur, target, cap - 1) : -1;
        if (len < 0) {
            systec__free(target);
            return cur; /* unreadable link: rename over it, as before */
        }
        target[len] = '\0';
        const char *slash = strrchr(cur, '/');
        char *next = target;
        if (target[0] != '/' && slash) { /* relative to the link's directory */
            size_t dl = (size_t)(slash - cur) + 1;
            next = systec__malloc(dl + (size_t)len + 1);
            if (next) {
                memcpy(next, cur, dl);
                memcpy(next + dl, target, (size_t)len + 1);
            }
            systec__free(target);
        }
        systec__free(cur);
        cur = next;
        if (!cur) return NULL;
    }
    systec__free(cur);
    errno = ELOOP;
    return NULL;
}

/* Creates a new temporary file next to dest with O_EXCL, named
 * dest.<pid>.<n>.tmp (n counts per process, so threads never collide), mode
 * 0666 less the umask -- as a plain fopen would create dest -- or, when
 * dest exists, dest's own permission bits. Returns the descriptor or -1. */
static int create_temp(systec__atomic_file *w, const struct stat *old)
{
    static atomic_ulong counter;
    size_t len = strlen(w->dest) + 64;
    w->tmp = systec__malloc(len);
    if (!w->tmp) return -1;
    for (int tries = 0; tries < 100; tries++) {
        snprintf(w->tmp, len, "%s.%ld.%lu.tmp", w->dest, (long)getpid(),
                 (unsigned long)atomic_fetch_add(&counter, 1));
        int fd = open(w->tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd >= 0) {
            if (old && fchmod(fd, old->st_mode & 07777) != 0) {
                int e = errno;
                close(fd);
                unlink(w->tmp);
                errno = e;
                return -1;
            }
            return fd;
        }
        if (errno != EEXIST) return -1;
    }
    return -1;
}

systec_status_t systec__atomic_open(systec__atomic_file *w, const char *path)
{
    memset(w, 0, sizeof *w);
    w->dest = resolve_links(path);
    if (!w->dest) {
        if (errno == ELOOP)
            return systec__fail(SYSTEC_ERR_IO, "%s: too many levels of symbolic links", path);
        return systec__fail(SYSTEC_ERR_OUT_OF_MEMORY, "out of memory");
    }
    struct stat st;
    int exists = stat(w->dest, &st) == 0;
    int fd, temp = 0;
    if (exists && S_ISDIR(st.st_mode)) {
        errno = EISDIR;
        fd = -1;
    } else if (exists && !S_ISREG(st.st_mode)) {
        /* a device or FIFO (/dev/stdout, a pipe): written in place, there is
         * nothing to rename */
        w->direct = 1;
        fd = open(w->dest, O_WRONLY | O_CLOEXEC);
    } else {
        fd = create_temp(w, exists ? &st : NULL);
        temp = 1;
    }
    w->f = fd >= 0 ? fdopen(fd, "w") : NULL;
    if (!w->f && temp && !w->tmp) { /* create_temp could not allocate the name */
        systec__free(w->dest);
        memset(w, 0, sizeof *w);
        return systec__fail(SYSTEC_ERR_OUT_OF_MEMORY, "%s: out of memory", path);
    }
    if (!w->f) {
        int e = errno;
        systec_status_t err = systec__fail(SYSTEC_ERR_IO, "%s: cannot create: %s",
                                           w->tmp ? w->tmp : path, strerror(e));
        if (fd >= 0) close(fd);
        if (fd >= 0 && w->tmp) unlink(w->tmp);
        systec__free(w->tmp);
        systec__free(w->dest);
        memset(w, 0, sizeof *w);
        return err;
    }
    systec__c_locale_enter(&w->loc);
    return SYSTEC_SUCCESS;
}

systec_status_t systec__atomic_close(systec__atomic_file *w, const char *path, int ok)
{
    int err = ok ? 0 : errno;
    systec__c_locale_leave(&w->loc);
    if (ok && fflush(w->f) != 0) ok = 0, err = errno;
    if (ok && !w->direct && fsync(fileno(w->f)) != 0 && errno != EINVAL) ok = 0, err = errno;
    if (fclose(w->f) != 0 && ok) ok = 0, err = errno;
    w->f = NULL;
    systec_status_t st = SYSTEC_SUCCESS;
    if (!ok) {
        if (w->tmp) unlink(w->tmp);
        st = systec__fail(SYSTEC_ERR_IO, "%s: write failed: %s", path, strerror(err));
    } else if (w->tmp && rename(w->tmp, w->dest) != 0) {
        err = errno;
        unlink(w->tmp);
        st = systec__fail(SYSTEC_ERR_IO, "%s: cannot rename %s into place: %s", path, w->tmp,
                          strerror(err));
    }
    systec__free(w->tmp);
    systec__free(w->dest);
    w->tmp = w->dest = NULL;
    return st;
}
