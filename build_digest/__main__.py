import sys

from build_digest.cli import main

sys.exit(main())
