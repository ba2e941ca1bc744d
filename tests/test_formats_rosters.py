"""HR rosters: Workday CSV and Report_Entry JSON, BambooHR, HiBob, SuccessFactors OData, Credly workforce;
"Last, First" names and managers given by name."""

from __future__ import annotations

import datetime as dt

from formats_testkit import assert_refused, employees, fixture, formats_loaded, load

from etl.load import FileInput

D = dt.date


def test_workday_csv_strips_the_manager_from_supervisory_organisations(tmp_path):
    db = tmp_path / "w.duckdb"
    load(db, fixture("rosters", "workday_report.csv"))
    assert formats_loaded(db) == [("workday_report.csv", "workday_report", 3, 3, 0)]
    assert employees(db) == [
        (
            "W100",
            "Ada Okafor",
            "ada.okafor@example.com",
            "Engineering",
            None,
            "Data Engineer",
            None,
            None,
            "London",
            D(2020, 1, 6),
            None,
        ),
        (
            "W101",
            "Ben Carter",
            "ben.carter@example.com",
            "Engineering",
            None,
            "Software Engineer",
            "W100",
            None,
            "London",
            D(2021, 3, 15),
            None,
        ),
        (
            "W102",
            "Chen Li",
            "chen.li@example.com",
            "Sales",
            None,
            "Account Executive",
            "W101",
            None,
            "Berlin",
            D(2022, 7, 1),
            D(2024, 2, 29),
        ),
    ]


def test_workday_report_entry_json_references_groups_and_last_first_names(tmp_path):
    db = tmp_path / "w.duckdb"
    load(db, fixture("rosters", "workday_report_entry.json"))
    assert employees(db) == [
        (
            "W100",
            "Ada Okafor",
            "ada.okafor@example.com",
            "Engineering",
            None,
            "Data Engineer",
            None,
            None,
            "London",
            D(2020, 1, 6),
            None,
        ),
        (
            "W101",
            "Ben Carter",
            "ben.carter@example.com",
            "Engineering",
            None,
            "Software Engineer",
            "W100",
            None,
            "London",
            D(2021, 3, 15),
            None,
        ),
    ]


def test_bamboohr_uses_employee_numbers_and_supervisor_ids(tmp_path):
    db = tmp_path / "w.duckdb"
    load(db, fixture("rosters", "bamboohr_directory.json"))
    assert formats_loaded(db) == [("bamboohr_directory.json", "bamboohr_employees", 2, 2, 0)]
    assert employees(db) == [
        (
            "E001",
            "Ada Okafor",
            "ada.okafor@example.com",
            "Engineering",
            "Data Platform",
            "Data Engineer",
            None,
            None,
            "London",
            D(2020, 1, 6),
            None,
        ),
        (
            "E002",
            "Ben Carter",
            "ben.carter@example.com",
            "Engineering",
            "Apps",
            "Software Engineer",
            "E001",
            "Okafor, Ada",
            "London",
            D(2021, 3, 15),
            None,
        ),
    ]


def test_hibob_nested_work_objects(tmp_path):
    db = tmp_path / "w.duckdb"
    load(db, fixture("rosters", "hibob_people.json"))
    assert employees(db) == [
        (
            "3332883884017713238",
            "Ada Okafor",
            "ada.okafor@example.com",
            "Engineering",
            None,
            "Data Engineer",
            None,
            None,
            "London",
            D(2020, 1, 6),
            None,
        ),
        (
            "3332883884017713239",
            "Ben Carter",
            "ben.carter@example.com",
            "Engineering",
            None,
            "Software Engineer",
            "3332883884017713238",
            "Ada Okafor",
            "London",
            D(2021, 3, 15),
            None,
        ),
    ]


def test_successfactors_odata_dates_and_navigation_results(tmp_path):
    db = tmp_path / "w.duckdb"
    load(db, fixture("rosters", "successfactors_perperson.json"))
    assert employees(db) == [
        (
            "E001",
            "Ada Okafor",
            "ada.okafor@example.com",
            "Engineering",
            None,
            "Data Engineer",
            None,
            None,
            "London",
            D(2019, 12, 27),
            None,
        ),
        (
            "E002",
            "Ben Carter",
            "ben.carter@example.com",
            "Engineering",
            None,
            "Software Engineer",
            "E001",
            None,
            "London",
            D(2021, 3, 15),
            D(2024, 2, 29),
        ),
    ]


def test_credly_workforce_table(tmp_path):
    db = tmp_path / "w.duckdb"
    load(db, fixture("rosters", "credly_workforce.csv"))
    assert formats_loaded(db) == [("credly_workforce.csv", "credly_workforce_csv", 2, 2, 0)]
    assert employees(db) == [
        (
            "E001",
            "Ada Okafor",
            "ada.okafor@example.com",
            "Engineering",
            "Data Platform",
            "Data Engineer",
            None,
            None,
            "London",
            None,
            None,
        ),
        (
            "E002",
            "Ben Carter",
            "ben.carter@example.com",
            "Engineering",
            "Apps",
            "Software Engineer",
            "E001",
            None,
            "London",
            None,
            None,
        ),
    ]


def test_last_first_names_and_managers_by_name(tmp_path):
    db = tmp_path / "w.duckdb"
    load(db, fixture("roster.csv"))
    rows = {r[0]: r for r in employees(db)}
    assert rows["E001"][1] == "Ada Okafor"  # "Okafor, Ada" read as last, first
    assert rows["E003"][6:8] == ("E002", "Ben Carter")  # manager named "First Last" resolves to an id


def test_manager_named_last_first_resolves(tmp_path):
    db = tmp_path / "w.duckdb"
    load(db, fixture("roster.csv"))
    assert {r[0]: r for r in employees(db)}["E002"][6] == "E001"


def test_workday_json_without_an_id_field_is_refused(tmp_path):
    body = b'{"Report_Entry": [{"Legal_Name": "Ada Okafor", "Business_Title": "Data Engineer", "Location": "London"}]}'
    message = assert_refused(
        tmp_path / "w.duckdb",
        FileInput("workday.json", body),
        "workday.json",
        "no column for employee_id",
        "'Legal_Name'",
    )
    assert "Workday" in message
