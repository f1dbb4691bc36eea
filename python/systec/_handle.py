"""Ownership of a library handle by a Python object."""
import ctypes
import weakref

from ._lib import fn


class Handle:
    """Owns one libsystec handle: freed by close(), by leaving a with block,
    or when the object is garbage collected (whichever comes first). The
    library copies its input into the handle's own storage, so no numpy
    array has to outlive the constructor."""

    _free = None  # the C free function's name, e.g. "symmat_free"
    _handle = None  # until _own

    def _own(self, handle):
        """Takes ownership of handle (a ctypes.c_void_p the library filled)."""
        self._handle = handle
        self._finalizer = weakref.finalize(self, fn(self._free), ctypes.byref(handle))

    @property
    def _h(self):
        """The handle for a call; a closed object raises ValueError."""
        if not self._handle:
            raise ValueError("%s is closed" % type(self).__name__)
        return self._handle

    @property
    def closed(self):
        return not self._handle

    def close(self):
        """Frees the handle now. Do not close an object another thread is
        computing with."""
        self._finalizer()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
