"""The bot's own Bot API client (`bot.botapi`), driven by PTB's `Bot` against the fake server:
the same calls, answers and errors as PTB's `HTTPXRequest`, with JSON bodies."""

from __future__ import annotations

import asyncio
import ssl
from collections.abc import AsyncIterator

import aiohttp
import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, InputFile
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, NetworkError, TimedOut

from bot.botapi import BotApiRequest, _endpoint
from tests.support.fake_telegram import FakeTelegram

TOKEN = "123456:TEST-token_for-fake-telegram"


@pytest.fixture
async def tg() -> AsyncIterator[FakeTelegram]:
    async with FakeTelegram(TOKEN, seed=7) as server:
        yield server


async def test_messages_buttons_and_edits_arrive_as_sent(tg: FakeTelegram) -> None:
    tg.user(1001)
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("Oui ✓", callback_data="a:1")]])
    async with Bot(TOKEN, base_url=tg.base_url, request=BotApiRequest()) as bot:
        sent = await bot.send_message(1001, "<b>Ünïcode</b> & 香港 مرحبا",
                                      parse_mode=ParseMode.HTML, reply_markup=keyboard)
        await bot.edit_message_reply_markup(1001, sent.message_id, reply_markup=None)
        with pytest.raises(BadRequest, match="not modified"):
            await bot.edit_message_reply_markup(1001, sent.message_id, reply_markup=None)

    assert sent.text == "Ünïcode & 香港 مرحبا"
    assert sent.reply_markup == keyboard
    assert tg.calls_to("sendMessage")[0]["reply_markup"] == keyboard.to_dict()
    [shown] = tg.transcript(1001)
    assert shown.html == "<b>Ünïcode</b> & 香港 مرحبا"
    assert shown.entities == [{"type": "bold", "offset": 0, "length": 7}]
    assert shown.buttons == [] and shown.edited


async def test_an_upload_goes_as_multipart(tg: FakeTelegram) -> None:
    tg.user(1001)
    async with Bot(TOKEN, base_url=tg.base_url, request=BotApiRequest()) as bot:
        await bot.send_document(1001, InputFile(b"%PDF-1.7 report", filename="qmas.pdf"),
                                caption="Your report")

    [shown] = tg.transcript(1001)
    assert shown.text == "Your report"
    assert getattr(shown.document, "data", None) == b"%PDF-1.7 report"


async def test_failures_become_ptb_errors(tg: FakeTelegram) -> None:
    tg.user(1001)
    async with Bot(TOKEN, base_url=tg.base_url,
                   request=BotApiRequest(read_timeout=0.2)) as bot:
        tg.inject("sendMessage", 502)
        with pytest.raises(NetworkError, match="Bad Gateway"):
            await bot.send_message(1001, "x")
        tg.inject("sendMessage", 403)
        with pytest.raises(Forbidden):
            await bot.send_message(1001, "x")
        tg.inject("sendMessage", drop_connection=True)
        with pytest.raises(NetworkError) as dropped:
            await bot.send_message(1001, "dropped")
        assert isinstance(dropped.value.__cause__, aiohttp.ClientError)
        tg.inject("sendMessage", delay=0.5)   # Telegram still delivers what the client gave up
        with pytest.raises(TimedOut):
            await bot.send_message(1001, "slow")
        await tg.wait_idle()
        assert (await bot.send_message(1001, "fine")).text == "fine"
    assert [m.text for m in tg.transcript(1001)] == ["slow", "fine"]


async def test_a_full_pool_times_out_without_sending(tg: FakeTelegram) -> None:
    tg.user(1001)
    async with Bot(TOKEN, base_url=tg.base_url,
                   request=BotApiRequest(pool_timeout=0.1, connect_timeout=0.1)) as bot:
        tg.inject("sendMessage", delay=1.0)
        first = asyncio.create_task(bot.send_message(1001, "first"))
        await tg.wait_for_call("sendMessage")
        with pytest.raises(TimedOut, match="not sent") as full:
            await bot.send_message(1001, "second")
        assert isinstance(full.value.__cause__, aiohttp.ConnectionTimeoutError)
        assert TOKEN not in str(full.value)
        await first
    assert [m.text for m in tg.transcript(1001)] == ["first"]


async def test_unreachable_telegram_is_a_network_error_that_never_left() -> None:
    request = BotApiRequest()
    await request.initialize()
    try:
        with pytest.raises(NetworkError) as refused:
            await request.do_request(f"http://127.0.0.1:9/bot{TOKEN}/getMe", "POST")
    finally:
        await request.shutdown()
    assert isinstance(refused.value.__cause__, aiohttp.ClientConnectorError)
    assert "Connect call failed" in str(refused.value) or "refused" in str(refused.value)
    assert TOKEN not in str(refused.value)


async def test_it_opens_again_after_a_shutdown(tg: FakeTelegram) -> None:
    tg.user(1001)
    request = BotApiRequest()
    for text in ("one", "two"):
        async with Bot(TOKEN, base_url=tg.base_url, request=request) as bot:
            await bot.send_message(1001, text)
    with pytest.raises(RuntimeError, match="not initialized"):
        await request.do_request(f"{tg.base_url}{TOKEN}/getMe", "POST")
    assert [m.text for m in tg.transcript(1001)] == ["one", "two"]


async def test_the_environment_s_proxy_is_used_unless_bypassed(
        tg: FakeTelegram, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("http_proxy", "HTTP_PROXY", "no_proxy", "NO_PROXY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("http_proxy", "http://127.0.0.1:9")   # nothing listens there
    request = BotApiRequest()
    await request.initialize()
    _endpoint.cache_clear()
    try:
        with pytest.raises(NetworkError) as proxied:
            await request.do_request(f"{tg.base_url}{TOKEN}/getMe", "POST")
        monkeypatch.setenv("no_proxy", "127.0.0.1")
        _endpoint.cache_clear()
        status, _ = await request.do_request(f"{tg.base_url}{TOKEN}/getMe", "POST")
    finally:
        await request.shutdown()
        _endpoint.cache_clear()
    assert isinstance(proxied.value.__cause__, aiohttp.ClientConnectorError)
    assert status == 200


async def test_telegram_s_certificate_is_verified_against_certifi() -> None:
    request = BotApiRequest()
    await request.initialize()
    try:
        assert request._session is not None
        context = request._session.connector._ssl   # type: ignore[union-attr]
        assert isinstance(context, ssl.SSLContext)
        assert context.verify_mode is ssl.CERT_REQUIRED and context.check_hostname
        assert context.cert_store_stats()["x509_ca"] > 100   # certifi's bundle, loaded
    finally:
        await request.shutdown()
