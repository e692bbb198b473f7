"""`python -m vaulttools` runs the command line."""

from vaulttools.cli import main

main(prog_name="vaulttools")
