"""`newstone render` refuses a bad call before any kernel starts: one error line, exit 2, nothing
written (found by benchmarks/robustness_sweep.py: `--jobs 0` was accepted, bad targets failed
inside the kernel after the report had begun)."""

from __future__ import annotations

import pytest

from conftest import SEED
from newstone.cli import main
from newstone.reports.params import ParameterError, check_parameters
from newstone.reports.plan import default_notebook


@pytest.mark.parametrize("jobs", ["0", "-2"])
def test_jobs_below_one_is_refused(jobs, tmp_path, capsys):
    out = tmp_path / "reports"
    assert main(["render", str(SEED), "--out", str(out), "--jobs", jobs]) == 2
    assert capsys.readouterr().err.strip() == f"newstone: error: --jobs must be 1 or more, not {jobs}"
    assert not out.exists()


@pytest.mark.parametrize("targets", [";;|", "|", " ; "])
def test_targets_without_names_are_refused_while_planning(targets, tmp_path, capsys):
    out = tmp_path / "reports"
    assert main(["render", str(SEED), "--out", str(out), "-p", f"targets={targets}"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "parameter 'targets': no target names" in err[0]
    assert not out.exists()


def test_targets_with_markup_characters_are_valid_names():
    params = check_parameters(default_notebook(), {"targets": "$x$;<b>Corp</b>|{{y}}"})
    assert params["targets"] == "$x$;<b>Corp</b>|{{y}}"
    with pytest.raises(ParameterError, match="no target names"):
        check_parameters(default_notebook(), {"targets": ";"})
