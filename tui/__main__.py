"""``python -m tui``: the ``coop-tui`` command line (:func:`tui.cli.main`)."""

import sys

from tui.cli import main

sys.exit(main())
