"""The fake Telegram server, driven by the real PTB stack (Application, polling, HTTPXRequest).

These tests pin the fake's Bot API semantics and its user-side driver, so that bot tests built
on it can trust what it reports.
"""

from __future__ import annotations

import asyncio
import json
import urllib.error
import urllib.request
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from telegram import Bot as PTBBot
from telegram import (
    BotCommand,
    BotCommandScopeAllPrivateChats,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Update,
)
from telegram.error import (
    BadRequest,
    Conflict,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
    TimedOut,
)
from telegram.ext import (
    AIORateLimiter,
    Application,
    BaseUpdateProcessor,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)
from telegram.request import HTTPXRequest

from tests.support.bot_harness import polling
from tests.support.fake_telegram import ApiError, FakeTelegram, parse_html

pytestmark = pytest.mark.slow   # real HTTP, processes, browsers or real time: `make test` only

TOKEN = "123456:TEST-token_for-fake-telegram"
KEYBOARD = InlineKeyboardMarkup(
    [
        [
            InlineKeyboardButton("Yes", callback_data="yes"),
            InlineKeyboardButton("No", callback_data="no"),
        ]
    ]
)


@dataclass
class Seen:
    """What the demo bot's handlers observed."""

    args: list[list[str]] = field(default_factory=list)
    echo_update_ids: list[int] = field(default_factory=list)
    errors: list[BaseException] = field(default_factory=list)
    chat_types: list[str] = field(default_factory=list)


class Reporting(BaseUpdateProcessor):
    """PTB's one-at-a-time processing, telling the fake server when each update is finished,
    so that the user's waits end on that instead of on a quiet period."""

    def __init__(self, tg: FakeTelegram) -> None:
        super().__init__(1)
        self.tg = tg
        tg.track_handling = True

    async def do_process_update(self, update: object, coroutine: Any) -> None:
        try:
            await coroutine
        finally:
            if isinstance(update, Update):
                self.tg.handled(update.update_id)

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to tear down."""


def build_app(
    tg: FakeTelegram, seen: Seen, **builder: Any
) -> Application[Any, Any, Any, Any, Any, Any]:
    """A small but real PTB bot: /start with a keyboard, button presses, echo, failure paths."""
    app_builder = (Application.builder().token(TOKEN).base_url(tg.base_url)
                   .concurrent_updates(Reporting(tg)))
    if "rate_limiter" in builder:
        app_builder = app_builder.rate_limiter(builder["rate_limiter"])
    app = app_builder.build()

    async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_message and update.effective_chat
        seen.args.append(list(context.args or []))
        seen.chat_types.append(update.effective_chat.type)
        payload = " ".join(context.args or [])
        await update.effective_message.reply_text(
            f"Welcome! <b>payload</b>={payload or '-'}", parse_mode="HTML", reply_markup=KEYBOARD
        )

    async def choose(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        assert query is not None
        await query.answer(text=f"You chose {query.data}")
        await query.edit_message_text(f"You chose {query.data}")

    async def too_long(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_message
        await update.effective_message.reply_text("x" * 4097)

    async def bad_html(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_message
        await update.effective_message.reply_text("<b>unclosed", parse_mode="HTML")

    async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        message = update.effective_message
        assert message is not None
        seen.echo_update_ids.append(update.update_id)
        prefix = "edited" if update.edited_message else "echo"
        await message.reply_text(f"{prefix}: {message.text}")

    async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert context.error is not None
        seen.errors.append(context.error)

    app.add_handler(CommandHandler("start", start))
    app.add_handler(CommandHandler("long", too_long))
    app.add_handler(CommandHandler("badhtml", bad_html))
    app.add_handler(CallbackQueryHandler(choose))
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, echo))
    app.add_error_handler(on_error)
    return app


@pytest.fixture
async def tg() -> AsyncIterator[FakeTelegram]:
    async with FakeTelegram(TOKEN, seed=7) as server:
        yield server


@pytest.fixture
async def bot(tg: FakeTelegram) -> AsyncIterator[Seen]:
    """The demo bot polling the fake server; yields what its handlers saw."""
    seen = Seen()
    async with polling(build_app(tg, seen)):
        yield seen


@pytest.fixture
async def client(tg: FakeTelegram) -> AsyncIterator[PTBBot]:
    """A bare PTB Bot (real HTTPXRequest) for checking Bot API semantics directly."""
    async with PTBBot(TOKEN, base_url=tg.base_url) as ptb_bot:
        yield ptb_bot


# --------------------------------------------------------------------------- through the app


async def test_start_payload_reaches_context_args(tg: FakeTelegram, bot: Seen) -> None:
    ann = tg.user(1001, "Ann")

    replies = await ann.send_and_wait("/start ref42")

    assert bot.args == [["ref42"]]
    assert bot.chat_types == ["private"]
    assert len(replies) == 1
    reply = replies[0]
    assert reply.text == "Welcome! payload=ref42"
    assert reply.html == "Welcome! <b>payload</b>=ref42"
    assert reply.entities == [{"type": "bold", "offset": 9, "length": 7}]
    assert reply.buttons == [[("Yes", "yes"), ("No", "no")]]
    assert not reply.edited
    assert reply.chat_id == 1001
    assert ann.last_message == reply


async def test_echo_round_trip(tg: FakeTelegram, bot: Seen) -> None:
    ann = tg.user(1001)

    sent = await ann.send("hello there")
    replies = await ann.next_replies()

    assert [r.text for r in replies] == ["echo: hello there"]
    assert sent.update_id is not None
    assert bot.echo_update_ids == [sent.update_id]
    assert tg.update_state(sent.update_id) == "confirmed"
    methods = [call.method for call in tg.calls]
    assert methods[:2] == ["getMe", "deleteWebhook"]
    assert "getUpdates" in methods
    assert tg.calls_to("sendMessage")[0]["chat_id"] == 1001


async def test_press_edits_message_and_answers_callback(tg: FakeTelegram, bot: Seen) -> None:
    ann = tg.user(1001)
    (welcome,) = await ann.send_and_wait("/start")

    replies = await ann.press_and_wait("Yes")

    assert len(replies) == 1
    assert replies[0].edited
    assert replies[0].message_id == welcome.message_id
    assert replies[0].text == "You chose yes"
    assert replies[0].buttons == []  # an edit without reply_markup drops the keyboard
    (answer,) = ann.answered_callbacks
    assert answer["text"] == "You chose yes" and "show_alert" not in answer
    assert ann.last_message is not None and ann.last_message.text == "You chose yes"


async def test_stale_button_on_old_message(tg: FakeTelegram, bot: Seen) -> None:
    ann = tg.user(1001)
    (first,) = await ann.send_and_wait("/start one")
    (second,) = await ann.send_and_wait("/start two")

    # A button on the older message still works and edits *that* message only.
    (edited,) = await ann.press_and_wait("No", message=first)
    assert edited.message_id == first.message_id
    assert [m.text for m in ann.messages] == ["You chose no", "Welcome! payload=two"]
    assert ann.messages[1].buttons == second.buttons

    # Pressing the vanished button via the old snapshot (a tap racing the edit): the bot's
    # identical edit is rejected by Telegram and surfaces as BadRequest; the query is answered.
    replies = await ann.press_and_wait("No", message=first)
    assert replies == []
    assert len(ann.answered_callbacks) == 2
    assert len(bot.errors) == 1
    assert isinstance(bot.errors[0], BadRequest)
    assert "message is not modified" in str(bot.errors[0]).lower()

    with pytest.raises(LookupError):
        await ann.press("No", message=first.message_id)  # not on screen any more


async def test_message_too_long_surfaces_as_bad_request(tg: FakeTelegram, bot: Seen) -> None:
    ann = tg.user(1001)

    assert await ann.send_and_wait("/long") == []

    assert len(bot.errors) == 1
    assert isinstance(bot.errors[0], BadRequest)
    assert str(bot.errors[0]) == "Message is too long"  # PTB strips "Bad Request: "
    assert tg.errors[-1].description == "Bad Request: message is too long"


async def test_bad_html_surfaces_as_bad_request(tg: FakeTelegram, bot: Seen) -> None:
    ann = tg.user(1001)

    assert await ann.send_and_wait("/badhtml") == []

    assert isinstance(bot.errors[0], BadRequest)
    assert "can't find end tag corresponding to start tag" in str(bot.errors[0]).lower()


async def test_wrong_token_raises_invalid_token(tg: FakeTelegram) -> None:
    app = Application.builder().token("654321:wrong-token").base_url(tg.base_url).build()

    with pytest.raises(InvalidToken):
        await app.initialize()
    await app.shutdown()

    assert tg.calls == []  # unauthorised requests are not recorded as calls...
    assert [(e.method, e.status) for e in tg.errors] == [("getMe", 401)]  # ...but as errors


async def test_injected_429_is_retried_by_rate_limiter(tg: FakeTelegram) -> None:
    seen = Seen()
    app = build_app(tg, seen, rate_limiter=AIORateLimiter(max_retries=1))
    fault = tg.inject("sendMessage", retry_after=1)
    ann = tg.user(1001)

    async with polling(app):
        # PTB sleeps out retry_after without any HTTP traffic: tell the driver what to expect.
        replies = await ann.send_and_wait("hi", expect=1, timeout=5)

    assert [r.text for r in replies] == ["echo: hi"]
    assert fault.fired == 1
    assert [(e.status, e.injected) for e in tg.errors] == [(429, True)]
    assert len(tg.calls_to("sendMessage")) == 2
    assert seen.errors == []


async def test_injected_429_without_limiter_is_retry_after(tg: FakeTelegram, bot: Seen) -> None:
    tg.inject("sendMessage", 429, retry_after=7)
    ann = tg.user(1001)

    assert await ann.send_and_wait("hi") == []

    assert isinstance(bot.errors[0], RetryAfter)
    assert "Retry in 7 seconds" in str(bot.errors[0])


async def test_redelivered_update_is_handled_again(tg: FakeTelegram, bot: Seen) -> None:
    ann = tg.user(1001)
    sent = await ann.send("once")
    await ann.next_replies()
    assert sent.update_id is not None

    await tg.redeliver(sent.update_id)
    replies = await ann.next_replies()

    assert [r.text for r in replies] == ["echo: once"]
    assert bot.echo_update_ids == [sent.update_id, sent.update_id]
    assert tg.deliveries(sent.update_id) == 2
    assert tg.update_state(sent.update_id) == "confirmed"


async def test_fifty_concurrent_users_each_get_their_own_echo(tg: FakeTelegram, bot: Seen) -> None:
    users = [tg.user(5000 + i, first_name=f"U{i}") for i in range(50)]

    results = await asyncio.wait_for(
        asyncio.gather(*(u.send_and_wait(f"msg {u.id}", expect=1, timeout=60)
                         for u in users)), timeout=120
    )

    for user, replies in zip(users, results, strict=True):
        assert [(r.chat_id, r.text) for r in replies] == [(user.id, f"echo: msg {user.id}")]
    assert len(bot.echo_update_ids) == 50


async def test_user_edit_sends_edited_message(tg: FakeTelegram, bot: Seen) -> None:
    ann = tg.user(1001)
    sent = await ann.send("draft")
    await ann.next_replies()

    edited = await ann.edit(sent, "final")
    replies = await ann.next_replies()

    assert edited.message_id == sent.message_id
    assert [r.text for r in replies] == ["edited: final"]


async def test_group_chat(tg: FakeTelegram, bot: Seen) -> None:
    ann = tg.group(-100200, tg.user(1001), title="Friends")

    (welcome,) = await ann.send_and_wait("/start@fake_test_bot grp")
    echoed = await ann.send_and_wait("just chatting")

    assert bot.chat_types == ["group"] and bot.args == [["grp"]]
    assert welcome.chat_id == -100200
    assert [r.text for r in echoed] == ["echo: just chatting"]


async def test_other_message_kinds_reach_the_bot(tg: FakeTelegram, bot: Seen) -> None:
    ann = tg.user(1001)
    sent = [
        await ann.send_sticker(),
        await ann.send_photo(caption="pic"),
        await ann.send_voice(),
        await ann.send_location(),
    ]
    await tg.wait_idle()

    assert all(
        m.update_id is not None and tg.update_state(m.update_id) == "confirmed" for m in sent
    )
    assert sent[3].raw["location"]["latitude"] == 22.2783
    update_id = await tg.enqueue_update(
        {"inline_query": {"id": "1", "from": ann.user, "query": "q", "offset": ""}}
    )
    await tg.wait_idle()
    assert tg.update_state(update_id) == "confirmed"


async def test_wait_without_a_bot_times_out_with_diagnostics(tg: FakeTelegram) -> None:
    ann = tg.user(1001)

    with pytest.raises(TimeoutError, match=r"has not confirmed update\(s\)") as err:
        await ann.send_and_wait("anyone there?", timeout=0.2)

    assert "> Ann #1: 'anyone there?'" in str(err.value)  # the transcript is included


# --------------------------------------------------------------------------- Bot API semantics


async def test_send_and_edit_errors(tg: FakeTelegram, client: PTBBot) -> None:
    tg.user(1001)
    with pytest.raises(BadRequest, match="Message text is empty"):
        await client.send_message(1001, "   ")
    with pytest.raises(BadRequest, match="Chat not found"):
        await client.send_message(999, "hi")
    with pytest.raises(BadRequest, match="Button_data_invalid"):
        await client.send_message(
            1001,
            "hi",
            reply_markup=InlineKeyboardMarkup(
                [[InlineKeyboardButton("x", callback_data="d" * 65)]]
            ),
        )
    with pytest.raises(BadRequest, match="Message to edit not found"):
        await client.edit_message_text("new", chat_id=1001, message_id=42)

    message = await client.send_message(1001, "same", reply_markup=KEYBOARD)
    with pytest.raises(BadRequest, match="Message is not modified"):
        await client.edit_message_text(
            "same", chat_id=1001, message_id=message.message_id, reply_markup=KEYBOARD
        )
    edited = await client.edit_message_text("new", chat_id=1001, message_id=message.message_id)
    assert not isinstance(edited, bool) and edited.reply_markup is None
    assert tg.transcript(1001)[-1].buttons == []  # an edit without reply_markup drops it
    document = await client.send_document(1001, b"x", filename="a.txt")
    with pytest.raises(BadRequest, match="Message can't be edited"):
        await client.edit_message_text("new", chat_id=1001, message_id=document.message_id)


def test_html_parsing_rules() -> None:
    plain, entities = parse_html(
        '<b>bold <i>both</i></b> &lt;tag&gt; &amp; <a href="https://x.y">'
        "link</a> 😀<tg-spoiler>s</tg-spoiler>"
    )
    assert plain == "bold both <tag> & link 😀s"
    assert {"type": "italic", "offset": 5, "length": 4} in entities
    assert {"type": "text_link", "url": "https://x.y", "offset": 18, "length": 4} in entities
    assert {"type": "spoiler", "offset": 25, "length": 1} in entities  # 😀 is 2 UTF-16 units
    for bad, reason in [
        ("<div>x</div>", 'Unsupported start tag "div"'),
        ("<b>x</i>", "Unmatched end tag"),
        ("x</b>", "Unexpected end tag"),
        ("<b>x", "Can't find end tag"),
        ("1 < 2", "Unexpected end of name token"),
        ('<span class="x">s</span>', 'must have class "tg-spoiler"'),
    ]:
        with pytest.raises(ApiError, match=reason):
            parse_html(bad)


async def test_callback_answer_rules(tg: FakeTelegram, client: PTBBot) -> None:
    ann = tg.user(1001)
    message = await client.send_message(1001, "pick", reply_markup=KEYBOARD)
    press = await ann.press("no")  # by callback_data
    assert press.message_id == message.message_id and press.data == "no"
    (update,) = await client.get_updates()
    assert update.callback_query is not None and update.callback_query.data == "no"

    assert await client.answer_callback_query(press.query_id, text="ok", show_alert=True)
    with pytest.raises(BadRequest, match="Query is too old"):
        await client.answer_callback_query(press.query_id)
    with pytest.raises(BadRequest, match="Query is too old"):
        await client.answer_callback_query("123")
    assert ann.answered_callbacks[0]["text"] == "ok"
    assert ann.answered_callbacks[0]["show_alert"] is True


async def test_commands_and_documents(tg: FakeTelegram, client: PTBBot) -> None:
    tg.user(1001)
    await client.set_my_commands([BotCommand("start", "Start")])
    await client.set_my_commands([BotCommand("start", "Начать")], language_code="ru")
    await client.set_my_commands(
        [BotCommand("help", "Help")], scope=BotCommandScopeAllPrivateChats()
    )
    assert [c["command"] for c in tg.commands()] == ["start"]
    assert tg.commands(language_code="ru") == [{"command": "start", "description": "Начать"}]
    assert tg.commands({"type": "all_private_chats"})[0]["command"] == "help"
    with pytest.raises(BadRequest, match="Bot_command_invalid"):
        await client.set_my_commands([BotCommand("Bad-Name", "x")])

    document = await client.send_document(
        1001, b"%PDF-1.4 fake", filename="report.pdf", caption="<i>Report</i>", parse_mode="HTML"
    )
    assert document.document is not None and document.document.file_name == "report.pdf"
    last = tg.transcript(1001)[-1]
    assert last.text == "Report" and last.document is not None
    assert not isinstance(last.document, str) and last.document.data == b"%PDF-1.4 fake"
    assert last.entities == [{"type": "italic", "offset": 0, "length": 6}]


async def test_unknown_methods_fail_visibly(tg: FakeTelegram, client: PTBBot) -> None:
    tg.user(1001)
    with pytest.raises(InvalidToken, match="Not Found"):   # how PTB reports a 404
        await client.send_chat_action(1001, "typing")
    assert [(e.method, e.status) for e in tg.errors] == [("sendChatAction", 404)]


async def test_get_updates_long_polling_semantics(tg: FakeTelegram, client: PTBBot) -> None:
    ann = tg.user(1001)
    assert await client.get_updates(timeout=0) == ()

    # A waiting long poll returns as soon as an update arrives, not after its timeout.
    poll = asyncio.create_task(client.get_updates(timeout=10))
    await tg.wait_for_call("getUpdates", count=2)
    sent = await ann.send("wake up")
    (update,) = await asyncio.wait_for(poll, timeout=2)
    assert update.update_id == sent.update_id

    # Unconfirmed updates come back; offset confirms; limit caps the batch.
    for text in ("a", "b", "c"):
        await ann.send(text)
    assert (await client.get_updates())[0].update_id == update.update_id
    batch = await client.get_updates(offset=update.update_id + 1, limit=2)
    assert [u.message.text for u in batch if u.message] == ["a", "b"]
    assert tg.update_state(update.update_id) == "confirmed"

    # allowed_updates filters (and drops) other update types.
    inline = await tg.enqueue_update(
        {"inline_query": {"id": "9", "from": ann.user, "query": "q", "offset": ""}}
    )
    rest = await client.get_updates(offset=batch[-1].update_id + 1, allowed_updates=["message"])
    assert [u.message.text for u in rest if u.message] == ["c"]
    assert tg.update_state(inline) == "dropped"

    # A second bot instance polling terminates the waiting poll with 409, as on Telegram.
    offset = rest[-1].update_id + 1
    calls = len(tg.calls_to("getUpdates"))
    first = asyncio.create_task(client.get_updates(offset=offset, timeout=10))
    await tg.wait_for_call("getUpdates", count=calls + 1)
    async with PTBBot(TOKEN, base_url=tg.base_url) as second_instance:
        assert await second_instance.get_updates(offset=offset) == ()
    with pytest.raises(Conflict, match="terminated by other getUpdates request"):
        await asyncio.wait_for(first, timeout=2)


async def test_injected_faults(tg: FakeTelegram) -> None:
    tg.user(1001)
    request = HTTPXRequest(read_timeout=0.2)
    async with PTBBot(TOKEN, base_url=tg.base_url, request=request) as client:
        tg.inject("sendMessage", 502, times=2)
        for _ in range(2):
            with pytest.raises(NetworkError, match="Bad Gateway"):
                await client.send_message(1001, "x")
        tg.inject("sendMessage", 403)
        with pytest.raises(Forbidden):
            await client.send_message(1001, "x")
        tg.inject("sendMessage", drop_connection=True)
        with pytest.raises(NetworkError):
            await client.send_message(1001, "dropped")
        # A slow Telegram: the client times out, but the message is still delivered.
        tg.inject("sendMessage", delay=0.5)
        with pytest.raises(TimedOut):
            await client.send_message(1001, "slow")
        await tg.wait_idle()
        assert [m.text for m in tg.transcript(1001)] == ["slow"]
        assert (await client.send_message(1001, "fine")).text == "fine"
    assert [e.status for e in tg.errors] == [502, 502, 403, 0]


# --------------------------------------------------------------------------- threaded server


async def test_server_in_thread_driven_from_test_loop() -> None:
    seen = Seen()
    with FakeTelegram.in_thread(TOKEN) as tg:
        ann = tg.user(1001)
        async with polling(build_app(tg, seen)):
            replies = await ann.send_and_wait("/start t")
            assert replies[0].text == "Welcome! payload=t"
            (edited,) = await ann.press_and_wait("Yes")
            assert edited.text == "You chose yes"


def test_server_in_thread_from_sync_code() -> None:
    """Synchronous code (think: a subprocess bot's harness) with plain JSON and form bodies."""
    with FakeTelegram.in_thread(TOKEN) as tg:
        ann = tg.user(1001)
        sent = tg.run(ann.send("/start"))

        def post(method: str, body: bytes, content_type: str) -> Any:
            req = urllib.request.Request(
                f"{tg.base_url}{TOKEN}/{method}", data=body, headers={"Content-Type": content_type}
            )
            with urllib.request.urlopen(req, timeout=5) as response:
                return json.load(response)

        updates = post("getUpdates", json.dumps({"timeout": 1}).encode(), "application/json")
        assert updates["result"][0]["update_id"] == sent.update_id
        assert sent.update_id is not None
        form = f"chat_id=1001&text=hi&offset={sent.update_id + 1}".encode()
        result = post("sendMessage", form, "application/x-www-form-urlencoded")
        assert result["result"]["text"] == "hi"
        assert tg.transcript(1001)[0].text == "hi"

        with pytest.raises(urllib.error.HTTPError) as err:
            post("noSuchMethod", b"{}", "application/json")
        assert err.value.code == 404
