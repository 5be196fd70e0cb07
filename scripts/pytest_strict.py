"""Run pytest, but never let "no tests ran" (exit 5) pass as success.

With ``REGIE_FAIL_ON_SKIP`` set (CI), any skipped test is a failure too: PostgreSQL and the
browser must really run there.
"""

import os
import sys

import pytest


class _SkipGuard:
    def __init__(self) -> None:
        self.skipped: list[str] = []

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        if report.skipped:
            self.skipped.append(report.nodeid)


def main() -> int:
    guard = _SkipGuard()
    code = pytest.main(sys.argv[1:], plugins=[guard])
    if code == pytest.ExitCode.NO_TESTS_COLLECTED:
        print("Geen tests uitgevoerd: dat telt als mislukt.", file=sys.stderr)
        return 1
    if os.environ.get("REGIE_FAIL_ON_SKIP") and guard.skipped:
        print(
            f"{len(guard.skipped)} test(s) overgeslagen terwijl REGIE_FAIL_ON_SKIP aan staat:",
            file=sys.stderr,
        )
        for nodeid in guard.skipped:
            print(f"  {nodeid}", file=sys.stderr)
        return 1
    return int(code)


if __name__ == "__main__":
    sys.exit(main())
