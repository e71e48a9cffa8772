#!/usr/bin/env bash
# Bounded load test of `mlp4j serve` on loopback with wrk (Debian's, installed when missing): 4 connections
# for 10 seconds POST one MNIST digit as JSON, then the server is stopped. Prints requests/s and latency.
# With HOLD, that many partial connections (half stalled in their headers, half in a body) are held open
# during the measurement, as slow or hostile clients would. MLP4J_JAR measures another build's jar.
#   bench/serve-load.sh MODEL [SECONDS] [HOLD]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
model="${1:?usage: bench/serve-load.sh MODEL [SECONDS]}"
seconds="${2:-10}"
hold="${3:-0}"
command -v wrk >/dev/null || { apt-get update -q >&2 && apt-get install -y -q wrk >&2; }
mnist="$("$root/mlp4j" fetch mnist 2>/dev/null | sed -n 's/^verified \(.*\)\/t10k-images-idx3-ubyte$/\1/p')"
tmp="$(mktemp -d)"
trap 'kill "$server" 2>/dev/null || true; rm -rf "$tmp"' EXIT
# the first test image as {"pixels": [...]}
od -An -v -tu1 -j16 -N784 "$mnist/t10k-images-idx3-ubyte" \
  | awk 'BEGIN {printf "{\"pixels\": ["} {for (i = 1; i <= NF; i++) printf "%s%.4f", (n++ ? "," : ""), $i / 255} END {print "]}"}' \
  > "$tmp/body.json"
printf 'wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\nlocal f = io.open("%s")\nwrk.body = f:read("*a")\nf:close()\n' \
  "$tmp/body.json" > "$tmp/post.lua"
port=18090
"$root/mlp4j" serve --model "$model" --port "$port" > "$tmp/serve.log" 2>&1 &
server=$!
for _ in $(seq 50); do grep -q serving "$tmp/serve.log" 2>/dev/null && break; sleep 0.2; done
wrk -t1 -c4 -d2s -s "$tmp/post.lua" "http://127.0.0.1:$port/api/predict" >/dev/null   # warm-up
if ((hold > 0)); then
  # in a process of its own: wrk must not inherit the held sockets (its event loop only takes low fds)
  bash -c 'for ((i = 0; i < $1; i++)); do
             exec {fd}<>"/dev/tcp/127.0.0.1/$2"
             if ((i % 2 == 0)); then printf "GET / HT" >&"$fd"
             else printf "POST /api/predict HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n{" >&"$fd"; fi
           done
           echo "holding $1 partial connections"; sleep "$3"' holder "$hold" "$port" "$((seconds + 5))" &
  holder=$!
  sleep 2
fi
wrk -t1 -c4 -d"${seconds}s" -s "$tmp/post.lua" --latency "http://127.0.0.1:$port/api/predict"
if ((hold > 0)); then kill "$holder" 2>/dev/null || true; fi
