"""Printed reports (PDF). Core code: never imports Qt or the UI.

``build_report(books, name, path, ...)`` prints a book report by name (``REPORTS``);
``render_table_report(path, ReportSpec(...))`` prints any declared table report.
"""
from assetdesk.pdf.report import Column, ReportSpec, Row, Section, render_table_report
from assetdesk.pdf.reports import REPORTS, build_report

__all__ = ["REPORTS", "build_report", "Column", "ReportSpec", "Row", "Section", "render_table_report"]
