"""The data dictionary and code lists as data (YAML), shipped with the package."""
