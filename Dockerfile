# syntax=docker/dockerfile:1
# Casetrail: one image runs the API, the worker or an operator command, named by the argument:
#   docker run casetrail api | worker | cli <command>
# There is no build step: the image runs the TypeScript as `npm start` does (@swc-node/register),
# so what runs in production is exactly what the tests run. Not built on the project's machines
# (no Docker engine there); infra/README.md says how to build and check it.

# linux/amd64: the lockfile holds the native packages (@swc/core, @kurrent/bridge) for x64 only.
ARG NODE_IMAGE=node:20-slim

FROM --platform=linux/amd64 ${NODE_IMAGE} AS deps
WORKDIR /app
# better-sqlite3 downloads a prebuilt binary; these build it from source when none fits.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
# Production dependencies only. TypeScript stays: it is a peer of @swc-node/register, which reads
# tsconfig.json (the @casetrail/* paths) when the process starts.
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

FROM --platform=linux/amd64 ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    CASETRAIL_SQLITE_PATH=/app/data/casetrail.db \
    CASETRAIL_POLICY_DIR=/app/policy
WORKDIR /app
# Owned by root and read-only to the process; only /app/data is writable.
COPY --from=deps /app/node_modules ./node_modules
COPY package.json package-lock.json tsconfig.json ./
COPY policy ./policy
COPY libs ./libs
COPY apps ./apps
COPY infra/docker-entrypoint.sh infra/healthcheck.js ./infra/
RUN mkdir -p /app/data && chown node:node /app/data
# The unprivileged user the official image provides (uid 1000).
USER node
VOLUME ["/app/data"]
EXPOSE 3000
# The API's readiness, or for a worker its BullMQ connection (infra/healthcheck.js picks by PID 1).
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 CMD ["node", "/app/infra/healthcheck.js"]
ENTRYPOINT ["/app/infra/docker-entrypoint.sh"]
CMD ["api"]
