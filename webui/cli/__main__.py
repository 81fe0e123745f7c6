"""``python -m webui.cli``: the `alur` command without its installed script."""

from webui.cli.main import main

main()
