#!/bin/bash
# one interleaved comparison of --workers 1 vs 2 (no pinning: the workers need both cores)
cd /work/main
for w in 1 2; do D=$(mktemp -d); echo $D > /tmp/wdir$w; python -m ddbserver serve --port 819$w --data-dir $D --workers $w >/dev/null 2>&1 & done
sleep 3
for w in 1 2; do python bench/loadgen.py setup --endpoint http://127.0.0.1:819$w --workloads get,put,query >/dev/null; done
for r in 1 2 3; do for wl in get put query; do for w in 1 2; do
  out=$(python bench/loadgen.py run --endpoint http://127.0.0.1:819$w --workload $wl --concurrency 16 --duration 3 --warmup 1)
  echo "round $r $wl workers=$w $(echo $out | python -c 'import json,sys; d=json.load(sys.stdin); print(d["requests_per_s"], d["p50_ms"], d["p99_ms"])')"
done; done; done
pkill -f "port 819[12]"; sleep 1; rm -rf $(cat /tmp/wdir1) $(cat /tmp/wdir2)
