"""`python -m gcmdash.cli`: the gcmdash command line."""

from gcmdash.cli import main

raise SystemExit(main())
