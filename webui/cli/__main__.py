"""``python -m webui.cli``: the `alur` command without its installed script."""

from .main import main

main()
