# The bot as a small image: no compiler, no tests, running as an unprivileged user, with the
# database on a volume. Build: docker build -t qmas-bot .   Run: see compose.yaml and
# docs/operations.md.
FROM python:3.11-slim-bookworm AS build
WORKDIR /src
RUN python -m venv /opt/venv
COPY pyproject.toml requirements.lock README.md ./
COPY bot ./bot
COPY conversations ./conversations
RUN /opt/venv/bin/pip install --no-cache-dir -c requirements.lock . \
    && /opt/venv/bin/pip uninstall --yes pip setuptools

FROM python:3.11-slim-bookworm
RUN useradd --system --uid 10001 --home-dir /data --shell /usr/sbin/nologin qmas \
    && mkdir /data && chown qmas /data
COPY --from=build /opt/venv /opt/venv
COPY locales /app/locales
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    QMAS_LOCALES_DIR=/app/locales \
    QMAS_DB_PATH=/data/qmas.sqlite3 \
    QMAS_LOG_FORMAT=json
USER 10001
WORKDIR /data
VOLUME ["/data"]
# The webhook server (webhook mode only; polling needs no open port) and the web chat
# (QMAS_WEB_PORT).
EXPOSE 8443 8080
# SIGTERM: stop fetching, finish what was fetched, close the database (docs/operations.md).
STOPSIGNAL SIGTERM
ENTRYPOINT ["qmas-bot"]
CMD ["run"]
