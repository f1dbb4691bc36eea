"""systec: Python bindings of libsystec, kernels for symmetric sparse data.

>>> import scipy.sparse as sp, scipy.sparse.linalg as sla, numpy as np, systec
>>> A = systec.SymMatrix.from_mm("bcsstk01.mtx")        # doctest: +SKIP
>>> x, info = sla.cg(A.as_linear_operator(), np.ones(A.shape[0]))  # doctest: +SKIP

See python/README.md. The library is loaded with ctypes (see
systec._lib for where it is looked for); every kernel runs with the GIL
released.
"""
from ._lib import LibraryNotFoundError
from ._lib import version as _version
from .errors import (SystecError, SystecIOError, SystecMemoryError, SystecParseError,
                     SystecUnsupportedError, SystecValueError)
from .linop import SymLinearOperator
from .matrix import SymMatrix
from .syrk import syrk
from .tensor import SymTensor
from .threads import get_num_threads, set_num_threads
from . import profile

__version__ = "0.1.0"
library_version = "%d.%d.%d" % _version()

__all__ = ["SymMatrix", "SymTensor", "SymLinearOperator", "syrk", "SystecError",
           "SystecValueError", "SystecIOError", "SystecParseError", "SystecMemoryError",
           "SystecUnsupportedError", "LibraryNotFoundError", "library_version",
           "set_num_threads", "get_num_threads", "profile"]
