"""Reports: notebooks rendered into self-contained, shareable HTML.

In: a notebook, inputs and parameters. Out: HTML files in `reports/`, the manifest and the index.
Views build escaped HTML and PNG plots for notebooks; render runs papermill and nbconvert; report
sets come from `reports.yml`. Depends on everything below it, never the other way.
"""
