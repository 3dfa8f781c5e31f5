"""Typed-ahead keys are handled in order, one after another, on every screen.

Textual hands each key to the widget focused *when the key arrives*, by posting it to
that widget's own queue; a ``Tab`` moves the focus, and a key that opens or closes a
dialog changes the screen, only when the key is handled, a moment later. Keys that
arrive together (a paste, a fast typist, keys bunched over ssh or by ``tmux
send-keys``) are all handed out before the first of them is handled, so the text typed
after ``Tab`` lands in the field before, the text typed after ``/`` or ``n`` goes to the
main view instead of the dialog it opens, and a second ``Enter`` reaches a dialog that
the first one already closed.

:class:`KeyQueue` puts the app's keys (and bracketed pastes) in a queue and hands out
one at a time: the next only once the previous one has been handled completely, with
everything it caused — a focus change, a dialog opened (composed, mounted and with its
first field focused) or closed, the messages its widgets sent. "Handled completely" is
when the app is quiet: every message queue of the app, of the screens and of the
widgets of the screen on top has been worked through, with nothing new arriving
meanwhile (the rounds of :meth:`KeyQueue._settle`), and the workers that the key
started on the screen on top (the command palette's search, the year diff's comparison)
are done; the app's own workers (writing to the store) are not waited for, except
those it names with :meth:`KeyQueue.hold` (listing the orphans before their dialog
opens). A key that arrives when nothing is pending is handed out at once, as Textual
would: typing at a human pace is not slowed.

The app calls :meth:`KeyQueue.admit` for every key and paste it receives and
:meth:`KeyQueue.started` once it has handed it out; the tests wait for
:meth:`KeyQueue.handled`.
"""

from __future__ import annotations

import asyncio
from collections import deque
from contextlib import suppress
from typing import Any

from textual import events
from textual.app import App
from textual.message import Message
from textual.message_pump import MessagePump
from textual.worker import Worker, WorkerError

#: After this many busy rounds the next key is handed out anyway (something that never
#: stops sending messages, such as a spinner, must not hold the keys back for ever).
MAX_ROUNDS = 50

#: Seconds to wait for a message queue before looking whether its widget still runs
#: (a widget removed meanwhile never handles what was posted to it).
RECHECK = 0.1


class KeyQueue:
    """Hand the app's keys and pastes out one at a time, each once the app is quiet."""

    def __init__(self, app: App[Any]) -> None:
        self._app = app
        self._pending: deque[events.Key | events.Paste] = deque()
        self._released: events.Key | events.Paste | None = None  # posted again, its turn
        self._current: events.Event | None = None  # admitted, being handed out
        self._busy = False
        self._task: asyncio.Task[None] | None = None
        self._idle = asyncio.Event()
        self._idle.set()
        self._activity = 0  # messages other than ours handled while settling
        self._waiting: dict[int, MessagePump] = {}  # pumps yet to reach this round's mark
        self._round_done = asyncio.Event()
        self._holds: list[Worker[Any]] = []
        self._gates: list[asyncio.Event] = []  # keys wait until each is set (hold_until)
        self._earlier: set[Worker[Any]] = set()  # workers running before the key was handed out

    async def handled(self) -> None:
        """Wait until every key received so far has been handled."""
        await self._idle.wait()

    def admit(self, event: events.Event) -> bool:
        """Whether the app may handle ``event`` now; if not, it is queued and posted to
        the app again when its turn comes. Call :meth:`started` once it is handed out."""
        if not isinstance(event, (events.Key, events.Paste)) or event.is_forwarded:
            return True
        if event is self._released:
            self._released = None
        elif self._busy:
            self._pending.append(event)
            return False
        self._busy = True
        self._idle.clear()
        self._current = event
        self._earlier = set(self._app.workers)
        return True

    def started(self, event: events.Event) -> None:
        """``event`` (admitted) has been handed out: settle, then hand out the next."""
        if event is not self._current:
            return
        self._current = None
        self._task = asyncio.create_task(self._settle_then_next())

    def then(self, event: events.Key) -> None:
        """Hand ``event`` out next, before the keys already waiting (the second half of
        a key the app reads as two: see :func:`split_alt`)."""
        self._pending.appendleft(event)

    def hold(self, worker: Worker[Any]) -> None:
        """Keys not yet handed out wait for ``worker`` too: for work that a key starts on
        the app and that opens a dialog when it is done (the typing that follows is
        meant for the dialog)."""
        self._holds.append(worker)
        self._start_holding()

    def hold_until(self, ready: asyncio.Event) -> None:
        """Keys wait until ``ready`` is set: the keys typed while the store opens are
        meant for the view it opens into (``i`` and a path typed at once must open the
        import dialog and fill it, not act on a tree not there yet)."""
        self._gates.append(ready)
        self._start_holding()

    def _start_holding(self) -> None:
        if not self._busy:
            self._busy = True
            self._idle.clear()
            self._earlier = set(self._app.workers)
            self._task = asyncio.create_task(self._settle_then_next())

    async def _settle_then_next(self) -> None:
        try:
            await self._settle()
        finally:
            self._next()

    def _next(self) -> None:
        """Post the next queued key to the app, or mark the queue idle."""
        while self._pending:
            event = self._pending.popleft()
            self._released = event
            if self._app.post_message(event):
                return
            self._released = None  # the app is closing
            self._pending.clear()
        self._busy = False
        self._task = None
        self._idle.set()

    # -- the app is quiet when ...

    def _pumps(self) -> list[MessagePump]:
        """The app, its screens and every widget of the screen on top."""
        app = self._app
        stack = list(app.screen_stack)
        if not stack:
            return [app]
        top = stack[-1]
        return [app, *stack[:-1], *top.walk_children(with_self=True)]

    def _count(self, message: Message) -> None:
        """Counts what the watched message pumps handle, but for our marks and timers."""
        if isinstance(message, events.Timer):
            return  # a cursor blinking, a spinner: not caused by a key
        if isinstance(message, events.Callback) and self._is_mark(message):
            return
        self._activity += 1

    def _is_mark(self, message: events.Callback) -> bool:
        return getattr(message.callback, "func", None) == self._reached

    def _reached(self, pump: MessagePump) -> None:
        """A mark of :meth:`_round`: ``pump`` has handled what was posted to it before."""
        self._waiting.pop(id(pump), None)
        if not self._waiting:
            self._round_done.set()

    async def _settle(self) -> None:
        """Wait until the app is quiet: a round posts a mark to every message pump of
        :meth:`_pumps` and waits until each has reached it; the app is quiet after a
        round in which no pump handled anything else, none has anything left in its
        queue, and none came or went (a dialog opened or closed, a widget was added)."""
        app = self._app
        watched: dict[int, MessagePump] = {}
        try:
            for _ in range(MAX_ROUNDS):
                if not app.is_running:
                    return
                pumps = self._pumps()
                for pump in pumps:
                    if id(pump) not in watched and pump.is_running:
                        pump.message_signal.subscribe(app, self._count, immediate=True)
                        watched[id(pump)] = pump
                before = self._activity
                await self._round(pumps)
                after = self._pumps()
                if (
                    self._activity != before
                    or [id(p) for p in after] != [id(p) for p in pumps]
                    or any(p.message_queue_size for p in after)
                ):
                    continue
                workers = self._workers(after)
                self._gates = [g for g in self._gates if not g.is_set()]
                if not workers and not self._gates:
                    return
                for gate in self._gates:
                    await gate.wait()
                for worker in workers:
                    with suppress(WorkerError):  # failed or cancelled: done
                        await worker.wait()
        finally:
            for pump in watched.values():
                pump.message_signal.unsubscribe(app)

    def _workers(self, pumps: list[MessagePump]) -> list[Worker[Any]]:
        """Workers that the key started on the screen on top (the command palette's
        search, the comparison of the year diff) and still run, and those held for
        (:meth:`hold`): what they show is what the next key acts on. (Workers of the
        app itself, such as writing to the store, are not waited for.)"""
        self._holds = [w for w in self._holds if not w.is_finished]
        ids = {id(p) for p in pumps[len(self._app.screen_stack) :]}  # the top screen's
        started = [
            w
            for w in self._app.workers
            if not w.is_finished and id(w.node) in ids and w not in self._earlier
        ]
        return [*started, *(w for w in self._holds if w not in started)]

    async def _round(self, pumps: list[MessagePump]) -> None:
        """Post a mark to each pump and wait until each has handled it (or stopped)."""
        self._waiting = {id(p): p for p in pumps}
        self._round_done = asyncio.Event()
        for pump in pumps:
            if not pump.call_later(self._reached, pump):
                self._waiting.pop(id(pump), None)  # closing: nothing to wait for
        while self._waiting:
            try:
                await asyncio.wait_for(self._round_done.wait(), RECHECK)
            except asyncio.TimeoutError:
                # a widget removed meanwhile drops its queue: do not wait for it
                for key, pump in list(self._waiting.items()):
                    if not pump.is_running:
                        del self._waiting[key]


def split_alt(event: events.Key) -> tuple[events.Key, events.Key] | None:
    """An Alt key read as the Escape and the key it is made of, or None.

    A terminal sends Alt+n as ESC then n, the very bytes of Escape typed just before n:
    in a burst (``Escape n`` pasted, typed fast or bunched over ssh) the two arrive
    together and are read as Alt+n. The app binds no Alt key, so such a key is the
    Escape and the key typed after it, and is handled as those two.
    """
    if event.is_forwarded or not event.key.startswith("alt+"):
        return None
    rest = event.key[len("alt+") :]
    character = event.character
    if character and len(character) == 1 and character.isprintable():
        rest = character if character.isalnum() else rest
    return events.Key("escape", "\x1b"), events.Key(rest, character)
