#!/usr/bin/env bash
# Capture throughput against tcpdump: builds a large capture by looping example.pcap, then times
#   jnetgraph run (pcapread -> bpf 'udp port 53' -> pcapwrite)   against   tcpdump -r in -w out 'udp port 53'
# several runs each, prints the median times and their ratio, and checks that both outputs hold the same frames.
# Usage: bench/capture-vs-tcpdump.sh [COPIES=80] [RUNS=3]     (run from the repository's top folder)
set -euo pipefail
copies=${1:-80}
runs=${2:-3}
top=$(cd "$(dirname "$0")/.." && pwd)
source_capture="$top/../shared/captures/example.pcap"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

for tool in tcpdump mergecap tshark; do
  if ! command -v "$tool" >/dev/null; then
    echo "installing tcpdump and tshark (mergecap comes with tshark)..." >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq tcpdump tshark >/dev/null
    break
  fi
done
[ -f "$source_capture" ] || { echo "capture-vs-tcpdump: $source_capture is missing" >&2; exit 66; }

inputs=()
for _ in $(seq "$copies"); do inputs+=("$source_capture"); done
mergecap -a -F pcap -w "$work/big.pcap" "${inputs[@]}"
frames=$(capinfos -c -M "$work/big.pcap" | awk '/Number of packets/ {print $NF}')
size=$(du -m "$work/big.pcap" | cut -f1)
echo "input: $frames frames, ${size} MB ($copies copies of example.pcap)"

sed -e "s|../shared/captures/example.pcap|$work/big.pcap|" -e "s|/tmp/jnetgraph-dns.pcap|$work/jng.pcap|" \
  "$top/examples/dns-split.ngctl" > "$work/split.ngctl"
"$top/jnetgraph" run "$work/split.ngctl" >/dev/null   # builds the project if needed, warms the disk cache

seconds() { local start end; start=$(date +%s.%N); "$@" >/dev/null 2>&1; end=$(date +%s.%N); awk "BEGIN {print $end - $start}"; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR + 1) / 2)]}'; }

jng=$(for _ in $(seq "$runs"); do seconds "$top/jnetgraph" run "$work/split.ngctl"; done | median)
tcp=$(for _ in $(seq "$runs"); do seconds tcpdump -r "$work/big.pcap" -w "$work/tcpdump.pcap" 'udp port 53'; done | median)

fingerprint() { tshark -r "$1" -T fields -e frame.len -e frame.time_epoch 2>/dev/null | md5sum | cut -d' ' -f1; }
jng_frames=$(capinfos -c -M "$work/jng.pcap" | awk '/Number of packets/ {print $NF}')
tcp_frames=$(capinfos -c -M "$work/tcpdump.pcap" | awk '/Number of packets/ {print $NF}')
same=no
[ "$jng_frames" = "$tcp_frames" ] && [ "$(fingerprint "$work/jng.pcap")" = "$(fingerprint "$work/tcpdump.pcap")" ] && same=yes

echo "jnetgraph run: median ${jng} s over $runs runs (JVM start included), $jng_frames frames written"
echo "tcpdump:       median ${tcp} s over $runs runs, $tcp_frames frames written"
echo "ratio jnetgraph/tcpdump: $(awk "BEGIN {printf \"%.2f\", $jng / $tcp}")   same frames: $same"
[ "$same" = yes ]
