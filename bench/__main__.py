"""`make bench`: benchmarks that print figures and ratios; they never pass or fail on time.
`make bench-quick` runs them at small sizes (BENCH_* variables), printing the same figures."""

from bench import analysis, hostile_labels, imports, issue, submissions, templates
from bench.common import loadavg, machine, print_summary

if __name__ == "__main__":
    print(f"machine: {machine()}; load average {loadavg()}")
    imports.main()
    analysis.main()
    issue.main()
    submissions.main()
    templates.main()
    hostile_labels.main()
    print_summary()
