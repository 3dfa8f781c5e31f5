"""Command palette (ctrl+p): "jump to commitment…" by fuzzy text, and the app's actions."""

from __future__ import annotations

from functools import partial

from rich.text import Text
from textual.command import DiscoveryHit, Hit, Hits, Provider

from tui.app import CoopApp
from tui.screens.search import result_prompt


class JumpProvider(Provider):
    """Type words of a commitment, an area, a tag or a note; Enter selects it in the tree."""

    @property
    def coop(self) -> CoopApp:
        app = self.app
        assert isinstance(app, CoopApp)
        return app

    async def discover(self) -> Hits:
        yield DiscoveryHit(
            Text("Jump to commitment…"),
            self.coop.main.action_search,
            help="Fuzzy search over commitments, areas, tags and notes",
        )

    async def search(self, query: str) -> Hits:
        app = self.coop
        index = app.session.search_index if app.session is not None else None
        if index is None or not query.strip():
            return
        for result in index.search(query, limit=20):
            prompt = Text("Jump to ", style="dim")
            prompt.append_text(result_prompt(result, width=80))
            yield Hit(
                min(result.score / 130.0, 1.0),
                prompt,
                partial(app.main.jump_to, result.target_id, result.note_id),
                text=result.text[:80],
            )
