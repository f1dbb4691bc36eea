"""A scipy LinearOperator whose products run on libsystec."""
import numpy as np
from scipy.sparse.linalg import LinearOperator


class SymLinearOperator(LinearOperator):
    """A @ x (SSYMV) and A @ X (SSYMM) of a plus-times SymMatrix, for
    scipy.sparse.linalg (cg, minres, gmres, eigsh, lobpcg, ...). A is real
    symmetric, so the adjoint and the transpose are the operator itself.
    Operands are converted to the matrix's dtype when they differ."""

    def __init__(self, A):
        super().__init__(dtype=A.dtype, shape=A.shape)
        self.matrix = A

    def _matvec(self, x):
        return self.matrix.symv(np.ravel(x))

    def _matmat(self, X):
        return self.matrix.symm(X)

    _rmatvec = _matvec
    _rmatmat = _matmat

    def _adjoint(self):
        return self

    _transpose = _adjoint
