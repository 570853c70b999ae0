# docsum: one image for the worker, the watcher and Flower.
FROM python:3.11-slim-bookworm

# llama-cpp-python builds from source: a compiler is needed at build time.
RUN apt-get update \
 && apt-get install -y --no-install-recommends build-essential \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app
# Everything pip installs (pyproject.toml lists the packages; .dockerignore keeps the rest out).
COPY . .
# The portable engine (summarize/engines/cpu/fallback.py, PORTABLE_ARGS): every CPU variant
# of llama.cpp, the best one that passes the probe chosen on the box it runs on, so an
# image built on one machine runs on another with fewer instruction sets.
RUN CMAKE_ARGS="-DGGML_NATIVE=OFF -DGGML_BACKEND_DL=ON -DGGML_CPU_ALL_VARIANTS=ON" \
    pip install --no-cache-dir . flower

# Models live in a volume (see docker-compose.yml), pulled once by the "models" service.
ENV XDG_DATA_HOME=/data
RUN useradd --create-home --uid 1000 docsum && mkdir -p /data/docsum/models /run/docsum && chown -R docsum /data /run/docsum
USER docsum
CMD ["docsum", "--help"]
