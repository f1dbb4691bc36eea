"""The README's five-line example runs as written and gets the answer."""
import os
import re

import numpy as np
import scipy.io

from conftest import HERE, REPO


def readme_example():
    text = (HERE.parent / "README.md").read_text()
    return re.search(r"```python\n(.*?)```", text, re.S).group(1)


def test_readme_cg_example(capsys):
    code = readme_example()
    assert len(code.strip().splitlines()) == 5
    cwd = os.getcwd()
    os.chdir(REPO)  # the example runs from the repository root
    try:
        ns = {}
        exec(compile(code, "python/README.md", "exec"), ns)
    finally:
        os.chdir(cwd)
    b, x = ns["b"], ns["x"]
    assert ns["info"] == 0
    M = scipy.io.mmread(str(REPO / "tests" / "data" / "bcsstk01.mtx")).tocsr()  # scipy's own
    assert np.linalg.norm(b - M @ x) <= 1e-5 * np.linalg.norm(b)
    printed = capsys.readouterr().out.split()
    assert printed[0] == "0" and float(printed[1]) <= 1e-5
