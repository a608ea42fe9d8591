"""`python -m lookout` runs the command line."""

from lookout.cli import main

main()
