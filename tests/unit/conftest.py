"""Unit tests for the build logic: make site_scons/staticpython importable."""
import os
import sys

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SITE_SCONS = os.path.join(REPO, 'site_scons')
if SITE_SCONS not in sys.path:
    sys.path.insert(0, SITE_SCONS)
