#!/usr/bin/env bash
# DescribeInstances with 20 instances over keep-alive: the sandbox (calm preset) vs the moto server vs nginx
# serving a static file of the sandbox's response size (the ceiling). Prints a markdown table.
# Needs: target/ec2-workbench.jar (mvn -B package -DskipTests), wrk, nginx, python3 with moto and boto3.
# Usage: src/bench/sandbox/run-benchmark.sh [seconds per run, default 10] [connections, default 16]
set -euo pipefail
cd "$(dirname "$0")/../../.."
DURATION=${1:-10}
CONNECTIONS=${2:-16}
WORK=$(mktemp -d)
LUA=src/bench/sandbox/describe-instances.lua
AUTH="AWS4-HMAC-SHA256 Credential=AKIASANDBOXADMIN0001/20250301/us-east-1/ec2/aws4_request, SignedHeaders=host, Signature=00"
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  [ -f "$WORK/nginx.pid" ] && kill "$(cat "$WORK/nginx.pid")" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_for() { for _ in $(seq 1 120); do curl -s -o /dev/null "$1" && return 0; sleep 0.5; done; echo "no answer from $1" >&2; exit 1; }

# 1. The sandbox, calm preset, 20 instances.
java -jar target/ec2-workbench.jar sandbox --port 0 --preset calm --no-iam > "$WORK/sandbox.out" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 120); do grep -q '^http' "$WORK/sandbox.out" 2>/dev/null && break; sleep 0.5; done
SANDBOX=$(grep '^http' "$WORK/sandbox.out" | head -1)
curl -s -X POST "$SANDBOX/" -H "Authorization: $AUTH" -o /dev/null \
  -d "Action=RunInstances&Version=2016-11-15&ImageId=ami-0053d3ad141b850fc&MinCount=20&MaxCount=20&InstanceType=t3.micro"
curl -s -X POST "$SANDBOX/" -H "Authorization: $AUTH" -d "Action=DescribeInstances&Version=2016-11-15" \
  -o "$WORK/describe.xml"

# 2. nginx serving that exact reply as a static file.
NGINX_PORT=$(free_port)
mkdir -p "$WORK/html" "$WORK/logs"
cp "$WORK/describe.xml" "$WORK/html/describe.xml"
cat > "$WORK/nginx.conf" <<CONF
worker_processes 2;
pid $WORK/nginx.pid;
error_log $WORK/logs/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  keepalive_requests 1000000;
  types { text/xml xml; }
  server { listen 127.0.0.1:$NGINX_PORT; root $WORK/html; }
}
CONF
nginx -c "$WORK/nginx.conf" -p "$WORK/"
NGINX="http://127.0.0.1:$NGINX_PORT/describe.xml"
wait_for "$NGINX"

# 3. moto with 20 instances.
MOTO_PORT=$(free_port)
python3 -m moto.server -p "$MOTO_PORT" > "$WORK/moto.log" 2>&1 &
PIDS+=($!)
MOTO="http://127.0.0.1:$MOTO_PORT"
wait_for "$MOTO/moto-api/"
python3 - "$MOTO" <<'PY'
import sys, boto3
ec2 = boto3.client("ec2", endpoint_url=sys.argv[1], region_name="us-east-1",
                   aws_access_key_id="AKIASANDBOXADMIN0001", aws_secret_access_key="x")
ami = ec2.describe_images(Owners=["amazon"])["Images"][0]["ImageId"]
ec2.run_instances(ImageId=ami, MinCount=20, MaxCount=20, InstanceType="t3.micro")
PY
MOTO_BYTES=$(curl -s -X POST "$MOTO/" -H "Authorization: $AUTH" -d "Action=DescribeInstances&Version=2016-11-15" | wc -c)

run() { # name url bytes [lua]
  local name=$1 url=$2 bytes=$3 script=${4:-}
  local args=(-t2 -c"$CONNECTIONS" --latency)
  [ -n "$script" ] && args+=(-s "$script")
  wrk "${args[@]}" -d3s "$url" > /dev/null   # warm-up (JIT, connection pools)
  wrk "${args[@]}" -d"${DURATION}s" "$url" > "$WORK/$name.wrk"
  local rps p50 p99
  rps=$(awk '/Requests\/sec/ {print $2}' "$WORK/$name.wrk")
  p50=$(awk '$1=="50%" {print $2}' "$WORK/$name.wrk")
  p99=$(awk '$1=="99%" {print $2}' "$WORK/$name.wrk")
  echo "$name|$rps|$p50|$p99|$bytes"
}
RESULTS=()
RESULTS+=("$(run sandbox "$SANDBOX/" "$(wc -c < "$WORK/describe.xml")" "$LUA")")
RESULTS+=("$(run moto "$MOTO/" "$MOTO_BYTES" "$LUA")")
RESULTS+=("$(run nginx "$NGINX" "$(wc -c < "$WORK/describe.xml")")")

SANDBOX_RPS=$(echo "${RESULTS[0]}" | cut -d'|' -f2)
echo
echo "wrk -t2 -c$CONNECTIONS -d${DURATION}s, keep-alive, $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| server | reply bytes | requests/s | p50 | p99 | sandbox ÷ this |"
echo "|---|---:|---:|---:|---:|---:|"
for row in "${RESULTS[@]}"; do
  IFS='|' read -r name rps p50 p99 bytes <<< "$row"
  ratio=$(python3 -c "print(f'{$SANDBOX_RPS/$rps:.2f}×')")
  echo "| $name | $bytes | $rps | $p50 | $p99 | $ratio |"
done
