#!/bin/sh
# The image runs one Casetrail process, named by the first argument:
#   api              the HTTP API (PORT, default 3000)
#   worker           deadlines on BullMQ, and the read models with CASETRAIL_PROJECTIONS=worker
#   cli <command>    an operator command, e.g. `cli migrate`, `cli projections status`
# `exec` replaces the shell, so node itself is PID 1 and receives SIGTERM: Nest then shuts down
# gracefully (run with --init / compose `init: true` so zombies are reaped).
set -eu
role="${1:-api}"
[ "$#" -gt 0 ] && shift
case "$role" in
  api) exec node -r @swc-node/register apps/api/src/main.ts "$@" ;;
  worker) exec node -r @swc-node/register apps/worker/src/main.ts "$@" ;;
  cli) exec node -r @swc-node/register apps/cli/src/main.ts "$@" ;;
  *)
    echo "casetrail: unknown role '$role'; use api, worker or cli <command>" >&2
    exit 64
    ;;
esac
