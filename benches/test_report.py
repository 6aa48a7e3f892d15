#!/usr/bin/env python3
"""Tests of report.py's `record` guards: groups a bench left incomplete, groups left
by an earlier run (standard library only; CI runs them):

    python3 benches/test_report.py
"""
import contextlib
import importlib.util
import io
import pathlib
import unittest

spec = importlib.util.spec_from_file_location(
    "report", pathlib.Path(__file__).resolve().parent / "report.py"
)
report = importlib.util.module_from_spec(spec)
spec.loader.exec_module(report)


def scaling(codec, sizes=report.SCALING_SIZES):
    return {f"scaling_{codec}/{who}/{n}": float(n) for who in ["derived", "baseline"] for n in sizes}


class Quiet(unittest.TestCase):
    """Keeps the "not recorded: ..." lines out of the test output, and checks them."""

    def setUp(self):
        self.said = io.StringIO()
        self.quiet = contextlib.redirect_stderr(self.said)
        self.quiet.__enter__()

    def tearDown(self):
        self.quiet.__exit__(None, None, None)


class CompleteGroups(Quiet):
    def test_complete_groups_are_kept_whole(self):
        medians = {
            "auth_request_url_decode/derived": 1.0,
            "auth_request_url_decode/baseline": 3.0,
            **scaling("json"),
            "id_token_verify_RS256_aws-lc-rs/derived": 30.0,
            "id_token_verify_RS256_aws-lc-rs/baseline": 31.0,
            "id_token_verify_RS256_aws-lc-rs/signature_only": 25.0,
            "peers_id_token_verify_RS256/derived": 30.0,
            "peers_id_token_verify_RS256/peer": 300.0,
        }
        self.assertEqual(report.complete_groups(medians), medians)

    def test_a_scaling_group_without_every_size_is_left_out(self):
        stopped = scaling("form", sizes=[10, 100])
        medians = {**stopped, **scaling("json")}
        self.assertEqual(report.complete_groups(medians), scaling("json"))
        self.assertIn("not recorded: scaling_form is incomplete", self.said.getvalue())

    def test_a_group_without_its_comparison_is_left_out(self):
        for medians in [
            {"token_request_form_decode/derived": 1.0},
            {"token_request_form_decode/baseline": 1.0},
            {"id_token_verify_ES256_RustCrypto/derived": 1.0,
             "id_token_verify_ES256_RustCrypto/baseline": 1.0},
            {"peers_token_response_json_decode/derived": 1.0},
        ]:
            self.assertEqual(report.complete_groups(medians), {}, medians)

    def test_an_unknown_group_needs_its_derived_side(self):
        self.assertEqual(report.complete_groups({"other/baseline": 1.0}), {})
        self.assertEqual(report.complete_groups({"other/derived": 1.0}), {"other/derived": 1.0})


class Recent(Quiet):
    def test_groups_written_long_before_the_newest_result_are_left_out(self):
        minute = 60.0
        medians = {
            # A scaling run stopped two hours before this codec run, and not recorded.
            **{k: (v, 0.0) for k, v in scaling("form").items()},
            "auth_request_url_decode/derived": (1.0, 120 * minute),
            "auth_request_url_decode/baseline": (3.0, 121 * minute),
            # Written by this run, more than a window earlier than its last group.
            "token_request_form_decode/derived": (1.0, 85 * minute),
            "token_request_form_decode/baseline": (2.0, 95 * minute),
        }
        self.assertEqual(
            report.recent(medians, window=30),
            {"auth_request_url_decode/derived": 1.0, "auth_request_url_decode/baseline": 3.0},
        )
        self.assertEqual(len(report.recent(medians, window=200)), len(medians))

    def test_nothing_recent_is_nothing(self):
        self.assertEqual(report.recent({}, window=30), {})


if __name__ == "__main__":
    unittest.main()
