"""`python -m vaulttools` runs the command line."""

from vaulttools.cli import run

run()
