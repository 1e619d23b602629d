"""A simulated year: departments ask schools for data, in their own words, through the service's
own domain functions, and the burden removed is measured. Not domain: it enforces no rule, it
only exercises the rules the domain enforces (service/domain) and reports what they did."""
