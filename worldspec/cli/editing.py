"""`worldspec lsp`: the language server editors start (worldspec.lsp)."""

from __future__ import annotations

from worldspec.cli.common import command, fail


@command("lsp")
def lsp_command() -> None:
    """Run the language server for editors, over stdio.

    Diagnostics as you type, hover, go to definition, references, completion,
    symbols, formatting and quick fixes. Editors start it themselves: see the
    README for VS Code, Neovim and Helix.
    """
    try:
        from worldspec.lsp.server import main
    except ImportError:
        fail('the language server needs the lsp extra: pip install "worldspec[lsp]"')
    main()
