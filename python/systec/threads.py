"""The library's thread count (OpenMP): what plans made from now on use."""
from ._lib import fn
from .errors import call


def set_num_threads(n):
    """Threads for plans made from now on (handles created or optimized,
    SSYRK products); 0 returns to the default (SYSTEC_NUM_THREADS, else
    OMP_NUM_THREADS, else the cores this process may use). Small operations
    stay serial whatever the count. A negative n raises SystecValueError."""
    call("set_num_threads", int(n))


def get_num_threads():
    """The count plans get now (1 when the library was built without OpenMP)."""
    return int(fn("get_num_threads")())
