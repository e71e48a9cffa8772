"""Prints which OpenBLAS kernel the NumPy of this Python runs (e.g. SkylakeX, Haswell).

OpenBLAS picks its kernels for the processor at load time, unless OPENBLAS_CORETYPE says otherwise; this
machine kind sets OPENBLAS_CORETYPE=Haswell (AVX2) for older builds, which keeps a current NumPy off its
AVX-512 kernels. Usage: python3 blas_kernel.py  ->  blas_kernel=NAME
"""
import ctypes

import numpy as np  # noqa: F401  (loads NumPy's OpenBLAS)


def main():
    names = ("scipy_openblas_get_corename64_", "openblas_get_corename64_", "openblas_get_corename")
    with open("/proc/self/maps") as maps:
        libs = sorted({line.split()[-1] for line in maps if "blas" in line.lower() and ".so" in line})
    for lib in libs:
        handle = ctypes.CDLL(lib)
        for name in names:
            fn = getattr(handle, name, None)
            if fn is not None:
                fn.restype = ctypes.c_char_p
                print("blas_kernel=" + fn().decode())
                return
    print("blas_kernel=unknown (no OpenBLAS loaded)")


if __name__ == "__main__":
    main()
