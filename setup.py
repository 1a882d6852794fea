"""Builds the `chokepoint` Python package through CMake for `pip install .`.

The package is what the CMake target chokepoint_python assembles in
<build>/python/chokepoint (extension module, Python modules, default
snapshot); this only runs that build and copies the result into the wheel.
CHOKEPOINT_BUILD_DIR=<dir> reuses an existing, configured build folder;
otherwise a Release build is configured in build-pip/.
"""

import os
import re
import shutil
import subprocess
import sys

from setuptools import setup
from setuptools.command.build_py import build_py
from setuptools.dist import Distribution

ROOT = os.path.dirname(os.path.abspath(__file__))
PIP_BUILD = os.path.join(ROOT, "build-pip")


def project_version():
    with open(os.path.join(ROOT, "CMakeLists.txt"), encoding="utf-8") as f:
        return re.search(r"project\(chokepoint VERSION ([0-9.]+)", f.read()).group(1)


class CMakeBuildPy(build_py):
    def run(self):
        build_dir = os.environ.get("CHOKEPOINT_BUILD_DIR")
        if not build_dir:
            build_dir = os.path.join(PIP_BUILD, "cmake")
            subprocess.check_call(["cmake", "-S", ROOT, "-B", build_dir, "-G", "Ninja",
                                   "-DCMAKE_BUILD_TYPE=Release", "-DCHOKEPOINT_TESTS=OFF",
                                   "-DPython_EXECUTABLE=" + sys.executable])
        subprocess.check_call(["cmake", "--build", build_dir, "--target", "chokepoint_python"])
        src = os.path.join(os.path.abspath(build_dir), "python", "chokepoint")
        dst = os.path.join(self.build_lib, "chokepoint")
        shutil.rmtree(dst, ignore_errors=True)
        shutil.copytree(src, dst, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))


class BinaryDistribution(Distribution):
    """The wheel holds a compiled module: tag it for this Python and platform."""

    def has_ext_modules(self):
        return True


os.makedirs(PIP_BUILD, exist_ok=True)
setup(
    version=project_version(),
    # Declared so that setuptools runs build_py (which runs the CMake build).
    packages=["chokepoint"],
    package_dir={"": "python"},
    cmdclass={"build_py": CMakeBuildPy},
    distclass=BinaryDistribution,
    # Keep setuptools' own files out of the CMake build folders.
    options={"build": {"build_base": os.path.join(PIP_BUILD, "setuptools")},
             "egg_info": {"egg_base": PIP_BUILD}},
)
