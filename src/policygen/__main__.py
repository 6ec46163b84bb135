"""Run the command-line interface as `python -m policygen`."""

import sys

from policygen.cli import main

sys.exit(main())
