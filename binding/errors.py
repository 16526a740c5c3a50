"""The one exception users see: a problem with their input, said in one line."""

from __future__ import annotations


class BindingError(ValueError):
    """Bad input or missing resource. The message names the problem and what to do about it.

    The command line prints it on one line and exits with status 2.
    """
