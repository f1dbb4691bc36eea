"""A SymMatrix's plan (libsystec's inspector-executor API): hints, forced
variants, optimize, describe, new values on the same pattern."""
import ctypes

from ._lib import fn
from .errors import call

# the operations of systec_op_t, by the names of SymMatrix's methods
OPS = {"all": 0, "symv": 1, "quadratic_form": 2, "symm": 3, "minplus": 4, "bilinear": 5}


def op_code(op):
    if op not in OPS:
        raise ValueError("op must be one of %s, not %r" % (", ".join(OPS), op))
    return OPS[op]


def read_text(describe, *args):
    """Calls a systec_*describe(..., buf, len, needed) twice: for the length,
    then for the text."""
    needed = ctypes.c_size_t()
    call(describe, *args, None, 0, ctypes.byref(needed))
    buf = ctypes.create_string_buffer(needed.value)
    call(describe, *args, buf, needed.value, ctypes.byref(needed))
    return buf.value.decode("utf-8", "replace")


class Planned:
    """The plan methods of SymMatrix. Planning (hint, force, optimize,
    update_values) needs the matrix to itself: no other thread may compute
    with it meanwhile; describe and the compute calls only read the plan."""

    def hint(self, op, calls=0, threads=0):
        """Expected calls of op to come (0: unknown, plan as for many) and
        the threads the caller will allow it (0: the library's count, see
        :func:`systec.set_num_threads`). Takes effect at :meth:`optimize`.
        Returns the matrix, so calls chain."""
        call("symmat_hint", self._h, op_code(op), int(calls), int(threads))
        return self

    def force(self, op, variant=None):
        """Forces op's kernel variant by name ("split", "stream", "full" (the
        expansion to both triangles, built at :meth:`optimize`), "serial",
        "serial_short", "omp_rows", or "storage:schedule"); None gives the
        choice back to the dispatcher. Takes effect at :meth:`optimize`. For
        measurements."""
        call("symmat_force", self._h, op_code(op), variant.encode() if variant else None)
        return self

    def optimize(self):
        """Replans every operation from its hints and forced variants (may
        build or free extra storage). On error the previous plan stays."""
        call("symmat_optimize", self._h)
        return self

    def describe(self, op="all"):
        """What each operation (or op) will run and why, as text."""
        return read_text("symmat_describe", self._h, op_code(op))


def isa():
    """The kernels' instruction-set variant in use ("v2", "v3", "v4", ...)."""
    return fn("isa")().decode()
