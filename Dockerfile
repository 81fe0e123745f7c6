# Alur in containers: `docker compose up` (compose.yaml) runs it with PostgreSQL, a worker and
# nginx. Python packages come from requirements.lock, checked against its hashes.

# -- build: browser libraries from npm, compiled translations, the wheel ----------------------
FROM python:3.11-slim-bookworm AS build
RUN apt-get update && apt-get install -y --no-install-recommends npm \
    && rm -rf /var/lib/apt/lists/*
ENV VIRTUAL_ENV=/opt/alur/.venv PATH=/opt/alur/.venv/bin:$PATH PIP_DISABLE_PIP_VERSION_CHECK=1
RUN python -m venv $VIRTUAL_ENV
WORKDIR /src
COPY requirements.lock ./
RUN pip install --no-cache-dir --no-deps --require-hashes -r requirements.lock
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN python -m webui.vendor node_modules webui/static/vendor \
    && pybabel compile -d webui/translations \
    && pip wheel --no-deps --no-build-isolation --wheel-dir /dist . \
    && pip install --no-cache-dir --no-deps /dist/alur-*.whl \
    && pip check

# -- app: gunicorn, the worker and every `alur` command -----------------------------------------
FROM python:3.11-slim-bookworm AS app
# Pango for the PDF reports (WeasyPrint).
RUN apt-get update && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --home-dir /var/lib/alur --create-home alur \
    && install -d -o alur -g alur /var/lib/alur/uploads /var/lib/alur/keys
COPY --from=build /opt/alur/.venv /opt/alur/.venv
ENV PATH=/opt/alur/.venv/bin:$PATH PYTHONUNBUFFERED=1 ALUR_UPLOADS_DIR=/var/lib/alur/uploads
USER alur
WORKDIR /var/lib/alur
EXPOSE 8000
CMD ["gunicorn", "--workers", "3", "--bind", "0.0.0.0:8000", "--timeout", "60", \
     "--forwarded-allow-ips", "*", "--access-logfile", "-", "webui:create_web_process_app()"]

# -- nginx: the static files of the same build, fingerprinted names cached for a year ----------
FROM nginx:1.27-alpine AS nginx
COPY --from=build /src/webui/static /srv/alur/static
COPY deploy/compose/nginx.conf /etc/nginx/conf.d/default.conf
