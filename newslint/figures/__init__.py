"""Figures in news copy: numbers read as value intervals (numbers), mentions with their referent
(mentions), and the comparison of mentions that describe the same thing (conflicts)."""
