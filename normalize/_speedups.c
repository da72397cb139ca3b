/* Compiled twins of a few hot pure-Python functions (issue 14).
 *
 * Each function here computes exactly what its Python original computes -- the same
 * floating-point operations in the same order (IEEE doubles, no contraction into fused
 * multiply-adds: setup.py passes -ffp-contract=off), the same ties -- so that a run with
 * the extension and one without give byte-identical output.  The Python originals stay
 * the reference and the fallback: normalize.native_speedups() loads this module only when it
 * was built, its ABI number matches, and REDLINE_PURE is not set; tests/test_speed.py
 * compares both on many inputs.
 *
 *   fitted(a, b, floor, low, edits, pieces, neg)  errormodel._fitted_dp
 *   alignment(typed, intended)                    keyboard._alignment
 *   keyboard_setup(adjacent, vowels, space, costs) the keyboard model's tables, once
 *   table_get(slots, mask, fd, on_corrupt, key)   index.Table.get (POSIX pread)
 *   lookup(phrase, max_ed, deletes_get, count_of, max_length, prefix)  lexicon._lookup
 *   osa(a, b, max)                                editdistpy's damerau_osa.distance
 *   lev(a, b, max)                                editdistpy's levenshtein.distance
 *   sound_scan(code, bucket, reach)               candidates.sound_alikes' key scan
 *   rivals(key, words)                            candidates._everyday_rivals' filter
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#ifndef _WIN32
#include <unistd.h>
#endif

#define SPEEDUPS_ABI 1

/* setup.py passes the SHA-256 of this file (its first 16 hex digits): normalize/
 * __init__.py does not use a build whose source differs from the _speedups.c beside it */
#ifndef SPEEDUPS_SOURCE
#define SPEEDUPS_SOURCE ""
#endif

/* ------------------------------------------------------------------ fitted */

/* The Brill-Moore programme of errormodel._fitted_dp over a = "^intended$" and
 * b = "^typed$": see the Python for what each step means.  edits: alpha -> {beta: log10
 * p}; pieces: for each position j of b (and its end) a tuple of (beta, w) pairs. */
static PyObject *
fitted(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 7) {
        PyErr_SetString(PyExc_TypeError, "fitted() takes 7 arguments");
        return NULL;
    }
    PyObject *a = args[0], *b = args[1], *table = args[4], *pieces = args[5];
    if (!PyUnicode_Check(a) || !PyUnicode_Check(b) || !PyDict_Check(table) ||
        !PyTuple_Check(pieces)) {
        PyErr_SetString(PyExc_TypeError, "fitted(str, str, float, float, dict, tuple, float)");
        return NULL;
    }
    double floor_ = PyFloat_AsDouble(args[2]);
    double low = PyFloat_AsDouble(args[3]);
    double neg = PyFloat_AsDouble(args[6]);
    if (PyErr_Occurred())
        return NULL;
    Py_ssize_t m = PyUnicode_GET_LENGTH(a), n = PyUnicode_GET_LENGTH(b);
    if (PyTuple_GET_SIZE(pieces) != n + 1) {
        PyErr_SetString(PyExc_ValueError, "pieces must have len(b) + 1 entries");
        return NULL;
    }
    int ka = PyUnicode_KIND(a), kb = PyUnicode_KIND(b);
    const void *da = PyUnicode_DATA(a), *db = PyUnicode_DATA(b);
    Py_ssize_t width = n + 1;
    size_t cells = (size_t)(m + 1) * (size_t)width;
    double stack[1024];
    double *best = cells <= 1024 ? stack : (double *)PyMem_Malloc(cells * sizeof(double));
    if (best == NULL)
        return PyErr_NoMemory();
    for (size_t c = 0; c < cells; c++)
        best[c] = neg;
    best[0] = 0.0;
    PyObject *result = NULL;
    for (Py_ssize_t i = 0; i < m; i++) {
        double *row = best + i * width;
        Py_UCS4 ai = PyUnicode_READ(ka, da, i);
        int edge = ai == '^' || ai == '$';
        double *down = best + (i + 1) * width;
        double *down2 = i + 1 < m ? best + (i + 2) * width : NULL;
        Py_UCS4 a_next = i + 1 < m ? PyUnicode_READ(ka, da, i + 1) : 0;
        double *targets[3];
        PyObject *groups[3];
        int ng = 0;
        for (Py_ssize_t la = 1; la <= 3; la++) {
            if (i + la > m)
                break;
            PyObject *sub = PyUnicode_Substring(a, i, i + la);
            if (sub == NULL)
                goto done;
            PyObject *g = PyDict_GetItemWithError(table, sub); /* borrowed */
            Py_DECREF(sub);
            if (g == NULL) {
                if (PyErr_Occurred())
                    goto done;
                continue;
            }
            if (!PyDict_Check(g)) {
                PyErr_SetString(PyExc_TypeError, "edits must map to dicts");
                goto done;
            }
            targets[ng] = best + (i + la) * width;
            groups[ng++] = g;
        }
        for (Py_ssize_t j = 0; j <= n; j++) {
            double v = row[j];
            if (v <= neg || v < low)
                continue;
            int has_bj = j < n;
            Py_UCS4 bj = has_bj ? PyUnicode_READ(kb, db, j) : 0;
            int bj_edge = bj == '^' || bj == '$';
            if (has_bj && ai == bj) {
                if (v > down[j + 1])
                    down[j + 1] = v;
            }
            else if (has_bj && !bj_edge && !edge && v + floor_ > down[j + 1]) {
                down[j + 1] = v + floor_;
            }
            if (!edge && v + floor_ > down[j])
                down[j] = v + floor_;
            if (has_bj && !bj_edge && i > 0 && v + floor_ > row[j + 1])
                row[j + 1] = v + floor_;
            if (down2 != NULL && j + 1 < n && a_next == bj &&
                PyUnicode_READ(kb, db, j + 1) == ai && ai != bj && v + floor_ > down2[j + 2])
                down2[j + 2] = v + floor_;
            if (ng) {
                PyObject *here = PyTuple_GET_ITEM(pieces, j);
                if (!PyTuple_Check(here)) {
                    PyErr_SetString(PyExc_TypeError, "pieces must be tuples");
                    goto done;
                }
                Py_ssize_t np = PyTuple_GET_SIZE(here);
                for (int g = 0; g < ng; g++) {
                    double *target = targets[g];
                    for (Py_ssize_t k = 0; k < np; k++) {
                        PyObject *pair = PyTuple_GET_ITEM(here, k);
                        if (!PyTuple_Check(pair) || PyTuple_GET_SIZE(pair) != 2) {
                            PyErr_SetString(PyExc_TypeError, "a piece is (beta, w)");
                            goto done;
                        }
                        PyObject *p = PyDict_GetItemWithError(groups[g],
                                                              PyTuple_GET_ITEM(pair, 0));
                        if (p == NULL) {
                            if (PyErr_Occurred())
                                goto done;
                            continue;
                        }
                        double pv = PyFloat_AsDouble(p);
                        Py_ssize_t w = PyLong_AsSsize_t(PyTuple_GET_ITEM(pair, 1));
                        if (PyErr_Occurred())
                            goto done;
                        if (w < 0 || w > n) {
                            PyErr_SetString(PyExc_ValueError, "a piece ends outside b");
                            goto done;
                        }
                        if (v + pv > target[w])
                            target[w] = v + pv;
                    }
                }
            }
        }
    }
    result = PyFloat_FromDouble(best[m * width + n]);
done:
    if (best != stack)
        PyMem_Free(best);
    return result;
}

/* ------------------------------------------------------------------ keyboard */

static struct {
    int ready;
    unsigned char adjacent[128 * 128]; /* [a * 128 + b]: keys a and b touch */
    unsigned char vowel[128];
    unsigned char space[128];
    /* adjacent_sub, vowel_sub, other_sub, double_ins, adjacent_ins, space_key_ins,
     * other_ins, double_del, del, transpose */
    double cost[10];
} kbd;

static PyObject *
keyboard_setup(PyObject *self, PyObject *args)
{
    Py_buffer adj;
    const char *vowels, *space;
    PyObject *costs;
    if (!PyArg_ParseTuple(args, "y*ssO!", &adj, &vowels, &space, &PyTuple_Type, &costs))
        return NULL;
    if (adj.len != 128 * 128 || PyTuple_GET_SIZE(costs) != 10) {
        PyBuffer_Release(&adj);
        PyErr_SetString(PyExc_ValueError, "keyboard_setup: 128*128 bytes and 10 costs");
        return NULL;
    }
    double cost[10];
    for (int k = 0; k < 10; k++) {
        cost[k] = PyFloat_AsDouble(PyTuple_GET_ITEM(costs, k));
        if (PyErr_Occurred()) {
            PyBuffer_Release(&adj);
            return NULL;
        }
    }
    memcpy(kbd.adjacent, adj.buf, 128 * 128);
    PyBuffer_Release(&adj);
    memset(kbd.vowel, 0, sizeof kbd.vowel);
    memset(kbd.space, 0, sizeof kbd.space);
    for (const char *c = vowels; *c; c++)
        kbd.vowel[(unsigned char)*c & 127] = 1;
    for (const char *c = space; *c; c++)
        kbd.space[(unsigned char)*c & 127] = 1;
    memcpy(kbd.cost, cost, sizeof cost);
    kbd.ready = 1;
    Py_RETURN_NONE;
}

static inline int
kb_adjacent(Py_UCS4 a, Py_UCS4 b)
{
    return a < 128 && b < 128 && kbd.adjacent[a * 128 + b];
}

#define IS_VOWEL(c) ((c) < 128 && kbd.vowel[c])

/* keyboard._alignment: the weighted optimal string alignment of the two words. */
static PyObject *
alignment(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 2 || !PyUnicode_Check(args[0]) || !PyUnicode_Check(args[1])) {
        PyErr_SetString(PyExc_TypeError, "alignment(str, str)");
        return NULL;
    }
    if (!kbd.ready) {
        PyErr_SetString(PyExc_RuntimeError, "keyboard_setup() was not called");
        return NULL;
    }
    PyObject *ts = args[0], *is = args[1];
    Py_ssize_t m = PyUnicode_GET_LENGTH(ts), n = PyUnicode_GET_LENGTH(is);
    int kt = PyUnicode_KIND(ts), ki = PyUnicode_KIND(is);
    const void *dt = PyUnicode_DATA(ts), *di = PyUnicode_DATA(is);
    const double *cost = kbd.cost;
    const double P_ADJACENT_SUB = cost[0], P_VOWEL_SUB = cost[1], P_OTHER_SUB = cost[2];
    const double P_DOUBLE_INS = cost[3], P_ADJACENT_INS = cost[4], P_SPACE_KEY_INS = cost[5];
    const double P_OTHER_INS = cost[6], P_DOUBLE_DEL = cost[7], P_DEL = cost[8];
    const double P_TRANSPOSE = cost[9];
    size_t need = (size_t)(m + 1) + (size_t)(n + 1) * 4 + (size_t)m + (size_t)n;
    Py_UCS4 cstack[256];
    double stack[512];
    Py_UCS4 *chars = (size_t)(m + n) <= 256 ? cstack
                                            : (Py_UCS4 *)PyMem_Malloc((m + n) * sizeof(Py_UCS4));
    double *mem = need <= 512 ? stack : (double *)PyMem_Malloc(need * sizeof(double));
    if (chars == NULL || mem == NULL) {
        if (chars != NULL && chars != cstack)
            PyMem_Free(chars);
        if (mem != NULL && mem != stack)
            PyMem_Free(mem);
        return PyErr_NoMemory();
    }
    Py_UCS4 *typed = chars, *intended = chars + m;
    for (Py_ssize_t k = 0; k < m; k++)
        typed[k] = PyUnicode_READ(kt, dt, k);
    for (Py_ssize_t j = 0; j < n; j++)
        intended[j] = PyUnicode_READ(ki, di, j);
    double *ins = mem, *dels = mem + m;
    double *prev2 = dels + n, *prev = prev2 + (n + 1), *row = prev + (n + 1);
    (void)row;
    for (Py_ssize_t k = 0; k < m; k++) {
        Py_UCS4 t = typed[k];
        int has_prev = k > 0, has_next = k + 1 < m;
        Py_UCS4 prev_t = has_prev ? typed[k - 1] : 0, next_t = has_next ? typed[k + 1] : 0;
        if ((has_prev && t == prev_t) || (has_next && t == next_t))
            ins[k] = P_DOUBLE_INS;
        else if ((k == m - 1 || k == 0) && t < 128 && kbd.space[t])
            ins[k] = P_SPACE_KEY_INS;
        else if ((has_prev && kb_adjacent(t, prev_t)) || (has_next && kb_adjacent(t, next_t)))
            ins[k] = P_ADJACENT_INS;
        else
            ins[k] = P_OTHER_INS;
    }
    for (Py_ssize_t j = 0; j < n; j++) {
        Py_UCS4 c = intended[j];
        int dbl = (j > 0 && intended[j - 1] == c) || (j + 1 < n && intended[j + 1] == c);
        dels[j] = dbl ? P_DOUBLE_DEL : P_DEL;
    }
    const double neg = -1e9;
    /* three rows in turn: prev2, prev, row (the Python's lists, rebound each step) */
    double *r2 = prev2, *r1 = prev, *r0 = prev + (n + 1);
    r1[0] = 0.0;
    for (Py_ssize_t j = 1; j <= n; j++)
        r1[j] = 0.0;
    for (Py_ssize_t j = 1; j <= n; j++)
        r1[j] = r1[j - 1] + dels[j - 1];
    for (Py_ssize_t k = 1; k <= m; k++) {
        Py_UCS4 tk = typed[k - 1];
        r0[0] = r1[0] + ins[k - 1];
        for (Py_ssize_t j = 1; j <= n; j++)
            r0[j] = neg;
        for (Py_ssize_t j = 1; j <= n; j++) {
            Py_UCS4 ij = intended[j - 1];
            double best;
            if (tk == ij)
                best = r1[j - 1];
            else if (kb_adjacent(tk, ij))
                best = r1[j - 1] + P_ADJACENT_SUB;
            else if (IS_VOWEL(tk) && IS_VOWEL(ij))
                best = r1[j - 1] + P_VOWEL_SUB;
            else
                best = r1[j - 1] + P_OTHER_SUB;
            double v = r1[j] + ins[k - 1];
            if (v > best)
                best = v;
            v = r0[j - 1] + dels[j - 1];
            if (v > best)
                best = v;
            if (k > 1 && j > 1 && tk != ij && tk == intended[j - 2] && typed[k - 2] == ij) {
                v = r2[j - 2] + P_TRANSPOSE;
                if (v > best)
                    best = v;
            }
            r0[j] = best;
        }
        double *t = r2;
        r2 = r1;
        r1 = r0;
        r0 = t;
    }
    double answer = r1[n];
    if (chars != cstack)
        PyMem_Free(chars);
    if (mem != stack)
        PyMem_Free(mem);
    return PyFloat_FromDouble(answer);
}

/* ------------------------------------------------------------------ index tables */

static uint32_t crc_table[256];

static void
crc_init(void)
{
    for (uint32_t n = 0; n < 256; n++) {
        uint32_t c = n;
        for (int k = 0; k < 8; k++)
            c = c & 1 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        crc_table[n] = c;
    }
}

/* zlib's crc32 (the IEEE polynomial), as index.write_tables hashes keys */
static uint32_t
crc32_of(const unsigned char *p, Py_ssize_t n)
{
    uint32_t c = 0xFFFFFFFFu;
    for (Py_ssize_t i = 0; i < n; i++)
        c = crc_table[(c ^ p[i]) & 0xFF] ^ (c >> 8);
    return c ^ 0xFFFFFFFFu;
}

#ifndef _WIN32
/* one pread, retried when interrupted (as os.pread does); -1 with an exception set */
static Py_ssize_t
pread_once(int fd, void *buf, size_t n, int64_t off)
{
    for (;;) {
        ssize_t got;
        Py_BEGIN_ALLOW_THREADS
        got = pread(fd, buf, n, (off_t)off);
        Py_END_ALLOW_THREADS
        if (got >= 0)
            return (Py_ssize_t)got;
        if (errno != EINTR) {
            PyErr_SetFromErrno(PyExc_OSError);
            return -1;
        }
        if (PyErr_CheckSignals() < 0)
            return -1;
    }
}
#endif

#define CHUNK 256 /* index._CHUNK */

static PyObject *
corrupt(PyObject *on_corrupt)
{
    PyObject *r = PyObject_CallNoArgs(on_corrupt);
    if (r == NULL)
        return NULL;
    Py_DECREF(r);
    PyErr_SetString(PyExc_RuntimeError, "on_corrupt() returned");
    return NULL;
}

/* index.Table.get: (slots, mask, fd, on_corrupt, key) -> the value bytes or None.  The
 * slots are the table's mapped uint64 array, or (an int) the file offset of slots read one
 * at a time with pread (index._ReadSlots); entries are read with pread, as there. */
static PyObject *
table_get(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
#ifdef _WIN32
    PyErr_SetString(PyExc_NotImplementedError, "table_get needs pread");
    return NULL;
#else
    if (nargs != 5 || !PyUnicode_Check(args[4])) {
        PyErr_SetString(PyExc_TypeError, "table_get(slots, mask, fd, on_corrupt, key: str)");
        return NULL;
    }
    Py_ssize_t mask = PyLong_AsSsize_t(args[1]);
    long fd_long = PyLong_AsLong(args[2]);
    int fd = (int)fd_long;
    if (PyErr_Occurred())
        return NULL;
    if (fd_long < 0 || fd_long > INT32_MAX) {
        PyErr_SetString(PyExc_ValueError, "table_get: bad file descriptor");
        return NULL;
    }
    PyObject *on_corrupt = args[3];
    Py_ssize_t n;
    const char *kb = PyUnicode_AsUTF8AndSize(args[4], &n);
    if (kb == NULL)
        return NULL;
    Py_buffer view;
    int by_read = PyLong_Check(args[0]);
    int64_t slots_at = 0;
    const unsigned char *slots = NULL;
    if (by_read) {
        slots_at = (int64_t)PyLong_AsLongLong(args[0]);
        if (slots_at == -1 && PyErr_Occurred())
            return NULL;
        if (slots_at < 0 || mask < 0) {
            PyErr_SetString(PyExc_ValueError, "table_get: bad slots offset");
            return NULL;
        }
    } else {
        if (PyObject_GetBuffer(args[0], &view, PyBUF_SIMPLE) < 0)
            return NULL;
        if (mask < 0 || view.len < 8 * (mask + 1)) {
            PyBuffer_Release(&view);
            PyErr_SetString(PyExc_ValueError, "table_get: slots shorter than the mask says");
            return NULL;
        }
        slots = (const unsigned char *)view.buf;
    }
    uint32_t c = crc32_of((const unsigned char *)kb, n);
    uint64_t tag = c >> 8;
    Py_ssize_t h = (Py_ssize_t)(c & (uint32_t)mask);
    unsigned char chunk[CHUNK];
    PyObject *result = NULL;
    for (Py_ssize_t probe = 0; probe <= mask; probe++) {
        uint64_t slot;
        if (by_read) {
            unsigned char raw[8];
            Py_ssize_t sgot = pread_once(fd, raw, 8, slots_at + 8 * (int64_t)h);
            if (sgot < 0)
                goto done;
            if (sgot < 8) { /* struct.error in the Python */
                result = corrupt(on_corrupt);
                goto done;
            }
            slot = 0;
            for (int k = 7; k >= 0; k--)
                slot = (slot << 8) | raw[k]; /* "<Q" */
        } else {
            memcpy(&slot, slots + 8 * h, 8);
        }
        if (!slot) {
            result = Py_NewRef(Py_None);
            goto done;
        }
        if (slot >> 40 == tag) {
            int64_t off = (int64_t)(slot & 0xFFFFFFFFFFull);
            Py_ssize_t got = pread_once(fd, chunk, CHUNK, off);
            if (got < 0)
                goto done;
            if (got < 6) { /* struct.error in the Python */
                result = corrupt(on_corrupt);
                goto done;
            }
            Py_ssize_t kl = chunk[0] | (chunk[1] << 8);
            uint32_t vl = (uint32_t)chunk[2] | ((uint32_t)chunk[3] << 8) |
                          ((uint32_t)chunk[4] << 16) | ((uint32_t)chunk[5] << 24);
            if (kl == n && got >= 6 + n && memcmp(chunk + 6, kb, n) == 0) {
                if (6 + n + (Py_ssize_t)vl <= got) {
                    result = PyBytes_FromStringAndSize((const char *)chunk + 6 + n, vl);
                    goto done;
                }
                PyObject *value = PyBytes_FromStringAndSize(NULL, vl);
                if (value == NULL)
                    goto done;
                Py_ssize_t vgot = pread_once(fd, PyBytes_AS_STRING(value), vl, off + 6 + n);
                if (vgot < 0) {
                    Py_DECREF(value);
                    goto done;
                }
                if (vgot != (Py_ssize_t)vl) {
                    Py_DECREF(value);
                    result = corrupt(on_corrupt);
                    goto done;
                }
                result = value;
                goto done;
            }
        }
        h = (h + 1) & mask;
    }
    result = corrupt(on_corrupt); /* no empty slot */
done:
    if (!by_read)
        PyBuffer_Release(&view);
    return result;
#endif
}

/* ------------------------------------------------------------------ symspell lookup */

/* The optimal string alignment distance of a and b, or -1 when it is above max (as
 * editdistpy's damerau_osa.distance gives it: the exact distance up to max). */
static Py_ssize_t
osa_distance(int ka, const void *da, Py_ssize_t m, int kb, const void *db, Py_ssize_t n,
             Py_ssize_t max)
{
    if (m - n > max || n - m > max)
        return -1;
    if (m == 0 || n == 0) {
        Py_ssize_t d = m > n ? m : n;
        return d <= max ? d : -1;
    }
    Py_ssize_t stack[3 * 64];
    Py_ssize_t *mem = n + 1 <= 64 ? stack : PyMem_Malloc(3 * (n + 1) * sizeof(Py_ssize_t));
    if (mem == NULL)
        return -2;
    Py_ssize_t *r2 = mem, *r1 = mem + (n + 1), *r0 = mem + 2 * (n + 1);
    for (Py_ssize_t j = 0; j <= n; j++)
        r1[j] = j;
    for (Py_ssize_t i = 1; i <= m; i++) {
        Py_UCS4 ai = PyUnicode_READ(ka, da, i - 1);
        r0[0] = i;
        for (Py_ssize_t j = 1; j <= n; j++) {
            Py_UCS4 bj = PyUnicode_READ(kb, db, j - 1);
            Py_ssize_t d = r1[j - 1] + (ai != bj);
            if (r1[j] + 1 < d)
                d = r1[j] + 1;
            if (r0[j - 1] + 1 < d)
                d = r0[j - 1] + 1;
            if (i > 1 && j > 1 && ai == PyUnicode_READ(kb, db, j - 2) &&
                PyUnicode_READ(ka, da, i - 2) == bj && r2[j - 2] + 1 < d)
                d = r2[j - 2] + 1;
            r0[j] = d;
        }
        Py_ssize_t *t = r2;
        r2 = r1;
        r1 = r0;
        r0 = t;
    }
    Py_ssize_t d = r1[n];
    if (mem != stack)
        PyMem_Free(mem);
    return d <= max ? d : -1;
}

static PyObject *
osa(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 3 || !PyUnicode_Check(args[0]) || !PyUnicode_Check(args[1])) {
        PyErr_SetString(PyExc_TypeError, "osa(str, str, int)");
        return NULL;
    }
    Py_ssize_t max = PyLong_AsSsize_t(args[2]);
    if (max == -1 && PyErr_Occurred())
        return NULL;
    PyObject *a = args[0], *b = args[1];
    Py_ssize_t d = osa_distance(PyUnicode_KIND(a), PyUnicode_DATA(a), PyUnicode_GET_LENGTH(a),
                                PyUnicode_KIND(b), PyUnicode_DATA(b), PyUnicode_GET_LENGTH(b),
                                max);
    if (d == -2)
        return PyErr_NoMemory();
    return PyLong_FromSsize_t(d);
}

/* ------------------------------------------------------------------ sound keys */

/* The Levenshtein distance of a and b, or -1 when it is above max (as editdistpy's
 * levenshtein.distance gives it, over code points: the exact distance up to max; equal
 * strings are 0 whatever max).  A row whose least cell is above max ends the search:
 * no later cell can come back under it. */
static Py_ssize_t
lev_distance(int ka, const void *da, Py_ssize_t m, int kb, const void *db, Py_ssize_t n,
             Py_ssize_t max)
{
    Py_ssize_t lo = 0;
    while (lo < m && lo < n && PyUnicode_READ(ka, da, lo) == PyUnicode_READ(kb, db, lo))
        lo++;
    if (lo == m && lo == n)
        return 0;
    if (max < 0 || m - n > max || n - m > max)
        return -1;
    if (m == lo || n == lo) {
        Py_ssize_t d = (m > n ? m : n) - lo;
        return d <= max ? d : -1;
    }
    Py_ssize_t stack[64];
    Py_ssize_t w = n - lo;
    Py_ssize_t *row = w + 1 <= 64 ? stack : PyMem_Malloc((w + 1) * sizeof(Py_ssize_t));
    if (row == NULL)
        return -2;
    for (Py_ssize_t j = 0; j <= w; j++)
        row[j] = j;
    Py_ssize_t d = -1;
    for (Py_ssize_t i = 1; i <= m - lo; i++) {
        Py_UCS4 ai = PyUnicode_READ(ka, da, lo + i - 1);
        Py_ssize_t diag = row[0], least = i;
        row[0] = i;
        for (Py_ssize_t j = 1; j <= w; j++) {
            Py_ssize_t up = row[j];
            Py_ssize_t v = diag + (ai != PyUnicode_READ(kb, db, lo + j - 1));
            if (up + 1 < v)
                v = up + 1;
            if (row[j - 1] + 1 < v)
                v = row[j - 1] + 1;
            row[j] = v;
            diag = up;
            if (v < least)
                least = v;
        }
        if (least > max)
            goto done;
    }
    d = row[w] <= max ? row[w] : -1;
done:
    if (row != stack)
        PyMem_Free(row);
    return d;
}

static PyObject *
lev(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 3 || !PyUnicode_Check(args[0]) || !PyUnicode_Check(args[1])) {
        PyErr_SetString(PyExc_TypeError, "lev(str, str, int)");
        return NULL;
    }
    Py_ssize_t max = PyLong_AsSsize_t(args[2]);
    if (max == -1 && PyErr_Occurred())
        return NULL;
    PyObject *a = args[0], *b = args[1];
    Py_ssize_t d = lev_distance(PyUnicode_KIND(a), PyUnicode_DATA(a), PyUnicode_GET_LENGTH(a),
                                PyUnicode_KIND(b), PyUnicode_DATA(b), PyUnicode_GET_LENGTH(b),
                                max);
    if (d == -2)
        return PyErr_NoMemory();
    return PyLong_FromSsize_t(d);
}

/* candidates._everyday_rivals' filter: the words of the tuple `words`, in order, that are
 * 2 to len(key) + 2 long and exactly 2 from key (editdistpy's damerau_osa, max 2). */
static PyObject *
rivals(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 2 || !PyUnicode_Check(args[0]) || !PyTuple_Check(args[1])) {
        PyErr_SetString(PyExc_TypeError, "rivals(str, tuple)");
        return NULL;
    }
    PyObject *key = args[0], *words = args[1];
    int kk = PyUnicode_KIND(key);
    const void *dk = PyUnicode_DATA(key);
    Py_ssize_t m = PyUnicode_GET_LENGTH(key);
    PyObject *result = PyList_New(0);
    if (result == NULL)
        return NULL;
    for (Py_ssize_t k = 0; k < PyTuple_GET_SIZE(words); k++) {
        PyObject *w = PyTuple_GET_ITEM(words, k);
        if (!PyUnicode_Check(w)) {
            PyErr_SetString(PyExc_TypeError, "words must be str");
            goto fail;
        }
        Py_ssize_t n = PyUnicode_GET_LENGTH(w);
        if (n <= 1 || n > m + 2)
            continue;
        Py_ssize_t d = osa_distance(kk, dk, m, PyUnicode_KIND(w), PyUnicode_DATA(w), n, 2);
        if (d == -2) {
            PyErr_NoMemory();
            goto fail;
        }
        if (d == 2 && PyList_Append(result, w) < 0)
            goto fail;
    }
    Py_SETREF(result, PyList_AsTuple(result));
    return result;
fail:
    Py_DECREF(result);
    return NULL;
}

/* The scan of candidates.sound_alikes over one bucket: for each (other, words) of the
 * list, in order, the pair (words, d) when d = levenshtein.distance(code, other, reach)
 * is not -1. */
static PyObject *
sound_scan(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 3 || !PyUnicode_Check(args[0]) || !PyList_Check(args[1])) {
        PyErr_SetString(PyExc_TypeError, "sound_scan(str, list, int)");
        return NULL;
    }
    Py_ssize_t reach = PyLong_AsSsize_t(args[2]);
    if (reach == -1 && PyErr_Occurred())
        return NULL;
    PyObject *code = args[0], *bucket = args[1];
    int kc = PyUnicode_KIND(code);
    const void *dc = PyUnicode_DATA(code);
    Py_ssize_t m = PyUnicode_GET_LENGTH(code);
    PyObject *result = PyList_New(0);
    if (result == NULL)
        return NULL;
    for (Py_ssize_t k = 0; k < PyList_GET_SIZE(bucket); k++) {
        PyObject *item = PyList_GET_ITEM(bucket, k);
        if (!PyTuple_Check(item) || PyTuple_GET_SIZE(item) != 2 ||
            !PyUnicode_Check(PyTuple_GET_ITEM(item, 0))) {
            PyErr_SetString(PyExc_TypeError, "a bucket holds (str, words) pairs");
            goto fail;
        }
        PyObject *other = PyTuple_GET_ITEM(item, 0);
        Py_ssize_t d = lev_distance(kc, dc, m, PyUnicode_KIND(other), PyUnicode_DATA(other),
                                    PyUnicode_GET_LENGTH(other), reach);
        if (d == -2) {
            PyErr_NoMemory();
            goto fail;
        }
        if (d < 0)
            continue;
        PyObject *pair = Py_BuildValue("(On)", PyTuple_GET_ITEM(item, 1), d);
        if (pair == NULL)
            goto fail;
        int bad = PyList_Append(result, pair);
        Py_DECREF(pair);
        if (bad)
            goto fail;
    }
    return result;
fail:
    Py_DECREF(result);
    return NULL;
}

typedef struct {
    PyObject *term; /* borrowed from the suggestion lists, kept alive by `keep` */
    Py_ssize_t distance;
    long long count;
    Py_ssize_t order;
} Found;

static int
found_cmp(const void *x, const void *y)
{
    const Found *a = x, *b = y;
    if (a->distance != b->distance)
        return a->distance < b->distance ? -1 : 1;
    if (a->count != b->count)
        return a->count > b->count ? -1 : 1; /* most frequent first */
    return a->order < b->order ? -1 : a->order > b->order; /* stable */
}

#define CH(k, d, i) PyUnicode_READ(k, d, i)

/* lexicon._lookup: symspellpy's lookup (Verbosity.ALL) over the delete table, the same
 * candidates in the same order; see the Python, which this follows line by line. */
static PyObject *
lookup(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 6 || !PyUnicode_Check(args[0])) {
        PyErr_SetString(PyExc_TypeError,
                        "lookup(phrase, max_ed, deletes_get, count_of, max_length, prefix)");
        return NULL;
    }
    PyObject *phrase = args[0], *deletes_get = args[2], *count_of = args[3];
    Py_ssize_t max_ed = PyLong_AsSsize_t(args[1]);
    Py_ssize_t max_length = PyLong_AsSsize_t(args[4]);
    Py_ssize_t prefix = PyLong_AsSsize_t(args[5]);
    if (PyErr_Occurred())
        return NULL;
    Py_ssize_t phrase_len = PyUnicode_GET_LENGTH(phrase);
    if (phrase_len - max_ed > max_length || max_ed == 0)
        return PyList_New(0);
    int kp = PyUnicode_KIND(phrase);
    const void *dp = PyUnicode_DATA(phrase);
    PyObject *considered_deletes = PySet_New(NULL);
    PyObject *considered_suggestions = PySet_New(NULL);
    PyObject *candidates = PyList_New(0);
    PyObject *keep = PyList_New(0); /* the suggestion lists read: owners of the terms */
    Found *found = NULL;
    Py_ssize_t nfound = 0, cap = 0;
    PyObject *result = NULL;
    if (considered_deletes == NULL || considered_suggestions == NULL || candidates == NULL ||
        keep == NULL || PySet_Add(considered_suggestions, phrase) < 0)
        goto done;
    Py_ssize_t short_prefix = prefix - max_ed, phrase_prefix_len;
    PyObject *first;
    if (phrase_len > prefix) {
        phrase_prefix_len = prefix;
        first = PyUnicode_Substring(phrase, 0, prefix);
    }
    else {
        phrase_prefix_len = phrase_len;
        first = Py_NewRef(phrase);
    }
    if (first == NULL)
        goto done;
    int rc = PyList_Append(candidates, first);
    Py_DECREF(first);
    if (rc < 0)
        goto done;
    for (Py_ssize_t pointer = 0; pointer < PyList_GET_SIZE(candidates); pointer++) {
        PyObject *candidate = PyList_GET_ITEM(candidates, pointer);
        Py_ssize_t candidate_len = PyUnicode_GET_LENGTH(candidate);
        Py_ssize_t len_diff = phrase_prefix_len - candidate_len;
        if (len_diff > max_ed)
            continue;
        PyObject *dict_suggestions = PyObject_CallOneArg(deletes_get, candidate);
        if (dict_suggestions == NULL)
            goto done;
        if (dict_suggestions != Py_None) {
            rc = PyList_Append(keep, dict_suggestions);
            Py_DECREF(dict_suggestions);
            if (rc < 0)
                goto done;
            PyObject *seq = PySequence_Fast(dict_suggestions, "suggestions must be a sequence");
            if (seq == NULL)
                goto done;
            rc = PyList_Append(keep, seq);
            Py_DECREF(seq);
            if (rc < 0)
                goto done;
            Py_ssize_t ns = PySequence_Fast_GET_SIZE(seq);
            PyObject **items = PySequence_Fast_ITEMS(seq);
            for (Py_ssize_t s = 0; s < ns; s++) {
                PyObject *suggestion = items[s];
                if (!PyUnicode_Check(suggestion)) {
                    PyErr_SetString(PyExc_TypeError, "a suggestion must be a str");
                    goto done;
                }
                int seen = PySet_Contains(considered_suggestions, suggestion);
                if (seen < 0)
                    goto done;
                if (seen)
                    continue;
                Py_ssize_t suggestion_len = PyUnicode_GET_LENGTH(suggestion);
                if (suggestion_len - phrase_len > max_ed || phrase_len - suggestion_len > max_ed ||
                    suggestion_len < candidate_len)
                    continue;
                if (suggestion_len == candidate_len) {
                    int eq = PyUnicode_Compare(suggestion, candidate);
                    if (eq == -1 && PyErr_Occurred())
                        goto done;
                    if (eq != 0)
                        continue;
                }
                Py_ssize_t suggestion_prefix_len = suggestion_len < prefix ? suggestion_len : prefix;
                if (suggestion_prefix_len > phrase_prefix_len &&
                    suggestion_prefix_len - candidate_len > max_ed)
                    continue;
                Py_ssize_t distance;
                if (candidate_len == 0) {
                    distance = phrase_len > suggestion_len ? phrase_len : suggestion_len;
                    if (distance > max_ed)
                        continue;
                }
                else if (suggestion_len == 1) {
                    distance = phrase_len - 1;
                    if (distance > max_ed)
                        continue;
                }
                else {
                    int ks = PyUnicode_KIND(suggestion);
                    const void *ds = PyUnicode_DATA(suggestion);
                    if (candidate_len == short_prefix) {
                        Py_ssize_t min_distance =
                            (phrase_len < suggestion_len ? phrase_len : suggestion_len) - prefix;
                        int skip = 0;
                        if (min_distance > 1) { /* the tails past the prefix differ */
                            Py_ssize_t len = min_distance - 1;
                            Py_ssize_t p0 = phrase_len + 1 - min_distance;
                            Py_ssize_t s0 = suggestion_len + 1 - min_distance;
                            for (Py_ssize_t k = 0; k < len; k++) {
                                if (CH(kp, dp, p0 + k) != CH(ks, ds, s0 + k)) {
                                    skip = 1;
                                    break;
                                }
                            }
                        }
                        if (!skip && min_distance > 0) {
                            Py_ssize_t pi = phrase_len - min_distance;
                            Py_ssize_t si = suggestion_len - min_distance;
                            if (CH(kp, dp, pi) != CH(ks, ds, si) &&
                                (CH(kp, dp, pi - 1) != CH(ks, ds, si) ||
                                 CH(kp, dp, pi) != CH(ks, ds, si - 1)))
                                skip = 1;
                        }
                        if (skip)
                            continue;
                    }
                    if (PySet_Add(considered_suggestions, suggestion) < 0)
                        goto done;
                    distance = osa_distance(kp, dp, phrase_len, ks, ds, suggestion_len, max_ed);
                    if (distance == -2) {
                        PyErr_NoMemory();
                        goto done;
                    }
                    if (distance < 0)
                        continue;
                }
                PyObject *c = PyObject_CallOneArg(count_of, suggestion);
                if (c == NULL)
                    goto done;
                long long count = PyLong_AsLongLong(c);
                Py_DECREF(c);
                if (count == -1 && PyErr_Occurred())
                    goto done;
                if (nfound == cap) {
                    Py_ssize_t ncap = cap ? 2 * cap : 64;
                    Found *grown = PyMem_Realloc(found, ncap * sizeof(Found));
                    if (grown == NULL) {
                        PyErr_NoMemory();
                        goto done;
                    }
                    found = grown;
                    cap = ncap;
                }
                found[nfound].term = suggestion;
                found[nfound].distance = distance;
                found[nfound].count = count;
                found[nfound].order = nfound;
                nfound++;
            }
        }
        else {
            Py_DECREF(dict_suggestions);
        }
        if (len_diff < max_ed && candidate_len <= prefix) {
            for (Py_ssize_t i = 0; i < candidate_len; i++) {
                PyObject *head = PyUnicode_Substring(candidate, 0, i);
                PyObject *tail = head ? PyUnicode_Substring(candidate, i + 1, candidate_len) : NULL;
                PyObject *del = tail ? PyUnicode_Concat(head, tail) : NULL;
                Py_XDECREF(head);
                Py_XDECREF(tail);
                if (del == NULL)
                    goto done;
                int had = PySet_Contains(considered_deletes, del);
                if (had < 0 || (!had && (PySet_Add(considered_deletes, del) < 0 ||
                                          PyList_Append(candidates, del) < 0))) {
                    Py_DECREF(del);
                    goto done;
                }
                Py_DECREF(del);
            }
        }
    }
    if (nfound > 1)
        qsort(found, nfound, sizeof(Found), found_cmp);
    result = PyList_New(nfound);
    if (result == NULL)
        goto done;
    for (Py_ssize_t k = 0; k < nfound; k++) {
        PyObject *pair = Py_BuildValue("(On)", found[k].term, found[k].distance);
        if (pair == NULL) {
            Py_CLEAR(result);
            goto done;
        }
        PyList_SET_ITEM(result, k, pair);
    }
done:
    PyMem_Free(found);
    Py_XDECREF(considered_deletes);
    Py_XDECREF(considered_suggestions);
    Py_XDECREF(candidates);
    Py_XDECREF(keep);
    return result;
}

/* ------------------------------------------------------------------ module */

static PyMethodDef methods[] = {
    {"fitted", (PyCFunction)(void (*)(void))fitted, METH_FASTCALL,
     "errormodel._fitted_dp, compiled"},
    {"alignment", (PyCFunction)(void (*)(void))alignment, METH_FASTCALL,
     "keyboard._alignment, compiled"},
    {"keyboard_setup", keyboard_setup, METH_VARARGS, "the keyboard model's tables"},
    {"table_get", (PyCFunction)(void (*)(void))table_get, METH_FASTCALL,
     "index.Table.get, compiled"},
    {"lookup", (PyCFunction)(void (*)(void))lookup, METH_FASTCALL, "lexicon._lookup, compiled"},
    {"osa", (PyCFunction)(void (*)(void))osa, METH_FASTCALL,
     "editdistpy's damerau_osa.distance (the lookup's own)"},
    {"lev", (PyCFunction)(void (*)(void))lev, METH_FASTCALL, "editdistpy's levenshtein.distance"},
    {"sound_scan", (PyCFunction)(void (*)(void))sound_scan, METH_FASTCALL,
     "candidates.sound_alikes' key scan, compiled"},
    {"rivals", (PyCFunction)(void (*)(void))rivals, METH_FASTCALL,
     "candidates._everyday_rivals' filter, compiled"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_speedups", "Compiled twins of hot pure-Python functions.", -1,
    methods,
};

PyMODINIT_FUNC
PyInit__speedups(void)
{
    crc_init();
    PyObject *mod = PyModule_Create(&module);
    if (mod != NULL && (PyModule_AddIntConstant(mod, "ABI", SPEEDUPS_ABI) < 0 ||
                        PyModule_AddStringConstant(mod, "SOURCE", SPEEDUPS_SOURCE) < 0)) {
        Py_DECREF(mod);
        return NULL;
    }
    return mod;
}
