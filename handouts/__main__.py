"""Allow ``python -m handouts``."""

from handouts.cli import main

if __name__ == "__main__":
    main()
