"""`make bench`: benchmarks that print figures and ratios; they never pass or fail on time."""

from bench import analysis, imports, issue, submissions, templates
from bench.common import machine

if __name__ == "__main__":
    print(f"machine: {machine()}")
    imports.main()
    analysis.main()
    issue.main()
    submissions.main()
    templates.main()
