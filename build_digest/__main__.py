import sys

from build_digest.cli import main

# Guarded: worker processes started by the build import this module again.
if __name__ == "__main__":
    sys.exit(main())
