"""``python -m summariser``: the same as the ``summariser`` command."""

from summariser.cli.app import main

main()
