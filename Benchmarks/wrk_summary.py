#!/usr/bin/env python3
"""Reads wrk's --latency output on stdin and prints "rps p50_ms p99_ms errors" (errors: socket
errors and non-2xx/3xx answers), the one parser of the service benchmarks."""
import re
import sys

text = sys.stdin.read()


def ms(value):
    number, unit = float(re.match(r"[\d.]+", value).group()), re.sub(r"[\d.]", "", value)
    return number * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]


rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
p50 = ms(re.search(r"^\s+50%\s+(\S+)", text, re.M).group(1))
p99 = ms(re.search(r"^\s+99%\s+(\S+)", text, re.M).group(1))
errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", text))
non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
errors += int(non2xx.group(1)) if non2xx else 0
print(f"{rps:.0f} {p50:.3f} {p99:.3f} {errors}")
