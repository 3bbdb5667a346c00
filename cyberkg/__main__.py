"""``python -m cyberkg`` runs the command line."""

import sys

from cyberkg.cli import main

sys.exit(main())
