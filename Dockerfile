# policygraph: the CLI (and, with the REST API, the server) on the plans and vocabularies in data/.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    POLICYGRAPH_DATA_DIR=/app/data \
    POLICYGRAPH_CYPHER_DIR=/app/cypher

WORKDIR /app
COPY pyproject.toml README.md ./
COPY api ./api
COPY cli ./cli
COPY evaluation ./evaluation
COPY graph ./graph
COPY loaders ./loaders
RUN pip install --no-cache-dir .
COPY cypher ./cypher
COPY data ./data

RUN useradd --system --home /app policygraph
USER policygraph
ENTRYPOINT ["policygraph"]
CMD ["--help"]
