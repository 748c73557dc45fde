"""CPU per Bot API call of PTB's own `HTTPXRequest` and of the bot's `BotApiRequest` (aiohttp).

A keep-alive HTTP server in a child process answers every POST at once with a sendMessage-sized
JSON body; this process sends N calls through each client with C calls at a time over the bot's
16 connections, and counts its own CPU time (user + system) per call. The server's CPU is not
counted, so the figure is the client's alone.

    .venv/bin/python bench/http_clients.py --calls 4000 --concurrency 1 16 64
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import socket
import time

from telegram.request import BaseRequest, HTTPXRequest, RequestData
from telegram.request._requestparameter import RequestParameter

from bot.botapi import BotApiRequest
from bot.frontends.telegram import SEND_CONNECTIONS, SEND_POOL_TIMEOUT

ANSWER = json.dumps({"ok": True, "result": {
    "message_id": 55, "date": 1_700_000_000, "chat": {"id": 9, "type": "private"},
    "from": {"id": 1, "is_bot": True, "first_name": "Bot"}, "text": "x" * 200}}).encode()
RESPONSE = (b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n"
            % len(ANSWER)) + ANSWER


def serve(sock: socket.socket) -> None:
    """Answer every request on every connection, keeping connections open."""
    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                length = next((int(line.split(b":")[1]) for line in head.split(b"\r\n")
                               if line.lower().startswith(b"content-length:")), 0)
                await reader.readexactly(length)
                writer.write(RESPONSE)
        except (asyncio.IncompleteReadError, ConnectionError):
            writer.close()

    async def main() -> None:
        server = await asyncio.start_server(handle, sock=sock)
        async with server:
            await server.serve_forever()
    asyncio.run(main())


async def measure(request: BaseRequest, url: str, calls: int, concurrency: int) -> float:
    """CPU milliseconds per call, after a warm-up that opens the connections."""
    data = RequestData([RequestParameter.from_input(key, value) for key, value in (
        ("chat_id", 9), ("text", "Question 3 of about 24 " * 8), ("parse_mode", "HTML"))])
    gate = asyncio.Semaphore(concurrency)

    async def one() -> None:
        async with gate:
            code, _ = await request.do_request(url, "POST", data)
            assert code == 200

    await request.initialize()
    try:
        await asyncio.gather(*(one() for _ in range(200)))
        start = time.process_time()
        await asyncio.gather(*(one() for _ in range(calls)))
        return (time.process_time() - start) * 1000 / calls
    finally:
        await request.shutdown()


def clients() -> dict[str, BaseRequest]:
    return {
        "PTB HTTPXRequest": HTTPXRequest(connection_pool_size=SEND_CONNECTIONS,
                                         pool_timeout=SEND_POOL_TIMEOUT),
        "BotApiRequest (aiohttp)": BotApiRequest(SEND_CONNECTIONS,
                                                 pool_timeout=SEND_POOL_TIMEOUT),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=4000)
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, 16, 64])
    args = parser.parse_args()
    sock = socket.create_server(("127.0.0.1", 0))
    server = multiprocessing.Process(target=serve, args=(sock,), daemon=True)
    server.start()
    url = f"http://127.0.0.1:{sock.getsockname()[1]}/bot123:TOKEN/sendMessage"
    figures: dict[str, dict[int, float]] = {}
    try:
        for concurrency in args.concurrency:
            for name, request in clients().items():
                cpu = asyncio.run(measure(request, url, args.calls, concurrency))
                figures.setdefault(name, {})[concurrency] = round(cpu, 3)
                print(f"{name:<26} {concurrency:>3} at a time: {cpu:.3f} ms CPU per call")
    finally:
        server.terminate()
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
