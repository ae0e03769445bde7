#!/usr/bin/env python3
"""Compare one conformance suite's failures with the accepted deviations in docs/conformance-deviations.txt.

usage: conformance_check.py SUITE newman|junit REPORT DEVIATIONS

SUITE      the suite's name in the deviations file (ms, okta, scimono)
REPORT     newman's JSON report (--reporters json) or a JUnit XML report (SCIMono's TEST-junit-jupiter.xml)
DEVIATIONS lines "suite | test | reason"; lines starting with '#' are comments. A test is named
             newman: "<request name> / <assertion name>" (a name shared by two requests covers both)
             junit:  "<ClassSimpleName>#<method>"

Prints each failure as ACCEPTED (with its reason) or NOT ACCEPTED, then the listed deviations that did not
fail this time (stale: the bridge or the suite changed; worth removing). Exit status: 0 when every failure
is accepted, 1 otherwise, 2 on a usage or report error.
"""
import json
import sys
import xml.etree.ElementTree as ET


def newman_failures(path):
    run = json.load(open(path, encoding="utf-8"))["run"]
    names = []
    for f in run.get("failures", []):
        request = (f.get("source") or {}).get("name", "?")
        error = f.get("error") or {}
        # An assertion failure names its test; a request that could not be sent names none.
        test = error.get("test") or error.get("name") or "request"
        names.append((f"{request} / {test}", error.get("message", "")))
    return names


def junit_failures(path):
    root = ET.parse(path).getroot()
    suites = [root] if root.tag == "testsuite" else root.findall("testsuite")
    names = []
    for suite in suites:
        for case in suite.findall("testcase"):
            problem = case.find("failure")
            if problem is None:
                problem = case.find("error")
            if problem is None:
                continue
            cls = case.get("classname", "?").rsplit(".", 1)[-1]
            method = case.get("name", "?").split("(")[0]
            message = (problem.get("message") or "").strip().splitlines()
            names.append((f"{cls}#{method}", message[0] if message else ""))
    return names


def deviations(path, suite):
    accepted = {}
    for number, line in enumerate(open(path, encoding="utf-8"), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        parts = [p.strip() for p in line.split(" | ")]
        if len(parts) != 3 or not all(parts):
            sys.exit(f"{path}:{number}: expected 'suite | test | reason', got: {line}")
        if parts[0] == suite:
            accepted[parts[1]] = parts[2]
    return accepted


def main(argv):
    if len(argv) != 5 or argv[2] not in ("newman", "junit"):
        print(__doc__, file=sys.stderr)
        return 2
    suite, kind, report, deviations_file = argv[1:]
    failures = newman_failures(report) if kind == "newman" else junit_failures(report)
    accepted = deviations(deviations_file, suite)

    unexpected = 0
    seen = set()
    for name, message in failures:
        seen.add(name)
        if name in accepted:
            print(f"  ACCEPTED      {suite} | {name}  ({accepted[name]})")
        else:
            unexpected += 1
            print(f"  NOT ACCEPTED  {suite} | {name}  -- {message}")
    for name in accepted:
        if name not in seen:
            print(f"  stale         {suite} | {name}  (listed as a deviation, but it passed)")
    if unexpected:
        print(f"{suite}: {unexpected} failure(s) not on the list of accepted deviations")
    return 1 if unexpected else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
