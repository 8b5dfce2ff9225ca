#!/usr/bin/env bash
# The AWS CLI's own retry modes (legacy, standard, adaptive via AWS_RETRY_MODE) against the sandbox's
# documented non-mutating bucket (capacity 100, refill 20/s), with N parallel CLI processes.
#
# Each process runs one `aws ec2 describe-instances --page-size 5` over INSTANCES instances, so the CLI's
# paginator makes INSTANCES/5 calls in quick succession (paginated calls use the non-mutating bucket).
# Attempts, throttles and final outcomes are counted from the CLI's own Client-Side Monitoring datagrams.
#
# Usage: src/bench/aws-cli-retry-modes.sh [PROCESSES] [INSTANCES] [MODES...]
#   needs: target/ec2-workbench.jar (mvn -B package -DskipTests), python3, aws (CLI v1 or v2)
set -euo pipefail
cd "$(dirname "$0")/../.."

processes=${1:-10}
instances=${2:-200}
shift $(( $# > 2 ? 2 : $# )) || true
modes=("$@")
[ ${#modes[@]} -gt 0 ] || modes=(legacy standard adaptive)
aws_cli=${AWS_CLI:-aws}
jar=target/ec2-workbench.jar
[ -f "$jar" ] || { echo "missing $jar: run mvn -B package -DskipTests first" >&2; exit 2; }

work=$(mktemp -d)
cleanup() { [ -n "${sandbox_pid:-}" ] && kill "$sandbox_pid" 2>/dev/null; [ -n "${csm_pid:-}" ] && kill "$csm_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

java -jar "$jar" sandbox --port 0 --preset realistic --seed 2015 --instance-limit $((instances + 10)) > "$work/sandbox.out" 2>&1 &
sandbox_pid=$!
for _ in $(seq 1 120); do grep -q '^export' "$work/sandbox.out" 2>/dev/null && break; sleep 0.5; done
grep -q '^export' "$work/sandbox.out" || { echo "sandbox did not start:" >&2; cat "$work/sandbox.out" >&2; exit 1; }
eval "$(grep '^export' "$work/sandbox.out")"
endpoint=$AWS_ENDPOINT_URL
export AWS_DEFAULT_REGION=$AWS_REGION
ec2() { "$aws_cli" ec2 --endpoint-url "$endpoint" "$@"; }

image=$(ec2 describe-images --query 'Images[?RootDeviceType==`ebs`]|[0].ImageId' --output text)
launched=0
while [ "$launched" -lt "$instances" ]; do
  n=$(( instances - launched < 20 ? instances - launched : 20 ))
  ec2 run-instances --image-id "$image" --instance-type t3.micro --count "$n" --query 'length(Instances)' --output text >/dev/null
  launched=$(( launched + n ))
  sleep 1
done
# Wait until every instance is visible to describe (the sandbox lags like EC2), then let the bucket refill.
for _ in $(seq 1 60); do
  seen=$(ec2 describe-instances --query 'length(Reservations[].Instances[])' --output text 2>/dev/null || echo 0)
  [ "$seen" = "$instances" ] && break
  sleep 1
done
sleep 6

csm_port=$(python3 -c 'import socket; s=socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
cat > "$work/csm.py" <<'PY'
import json, socket, sys, signal
port, out = int(sys.argv[1]), sys.argv[2]
counts = {"attempts": 0, "throttled": 0, "calls": 0, "succeeded": 0}
def dump(*_):
    with open(out, "w") as f: json.dump(counts, f)
    sys.exit(0)
signal.signal(signal.SIGTERM, dump)
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1", port))
while True:
    try: d = json.loads(s.recv(65535))
    except ValueError: continue
    if d.get("Type") == "ApiCallAttempt":
        counts["attempts"] += 1
        if d.get("HttpStatusCode") == 503 or d.get("AwsException") == "RequestLimitExceeded": counts["throttled"] += 1
    elif d.get("Type") == "ApiCall":
        counts["calls"] += 1
        if d.get("FinalHttpStatusCode") == 200: counts["succeeded"] += 1
PY

printf '%-10s %12s %9s %10s %9s %9s\n' strategy completion_s goodput% throttled attempts given_up
echo "strategy,completion_s,goodput_pct,throttled_attempts,attempts,given_up" > "$work/results.csv"
for mode in "${modes[@]}"; do
  python3 "$work/csm.py" "$csm_port" "$work/$mode.json" & csm_pid=$!
  sleep 0.5
  start=$(date +%s.%N)
  pids=()
  for _ in $(seq 1 "$processes"); do
    AWS_RETRY_MODE=$mode AWS_CSM_ENABLED=true AWS_CSM_PORT=$csm_port \
      ec2 describe-instances --page-size 5 --query 'length(Reservations)' --output text > /dev/null 2>&1 &
    pids+=($!)
  done
  failed=0
  for p in "${pids[@]}"; do wait "$p" || failed=$((failed + 1)); done
  end=$(date +%s.%N)
  sleep 0.5; kill "$csm_pid"; wait "$csm_pid" 2>/dev/null || true; csm_pid=
  python3 - "$work/$mode.json" "$mode" "$start" "$end" "$failed" "$work/results.csv" <<'PY'
import json, sys
c = json.load(open(sys.argv[1])); mode = "cli_" + sys.argv[2]
secs = float(sys.argv[4]) - float(sys.argv[3]); failed = int(sys.argv[5])
goodput = c["succeeded"] / secs / 20 * 100
print(f"{mode:<10} {secs:12.2f} {goodput:9.1f} {c['throttled']:10d} {c['attempts']:9d} {c['calls'] - c['succeeded']:9d}   ({failed} of the CLI processes failed)")
open(sys.argv[6], "a").write(f"{mode},{secs:.2f},{goodput:.1f},{c['throttled']},{c['attempts']},{c['calls'] - c['succeeded']}\n")
PY
  sleep 6   # let the bucket refill before the next mode
done
[ -n "${CSV:-}" ] && cp "$work/results.csv" "$CSV"
exit 0
