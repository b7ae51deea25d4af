"""The figures of desk.reports, kept per commune, procedure and day instead of recomputed.

A report for a window [start, until) counts, per dossier (desk.reports.classify): its
reception, supplement requests and first rating inside the window (flows), whether it was
pending at ``start`` (carried over), and where it stands at ``until`` (pending in time, overdue,
waiting for papers, or the outcome it reached: resolved early / on time / late, refused,
withdrawn). Each dossier's standing over time is a few spells with a figure each
(``contribution``): pending from its reception, then one outcome for good. A spell adds 1 to its
figure on the day it starts and takes it back on the day it ends, so the figure standing at the
start of a day is the sum of everything dated before that day, and a flow over a window is the
sum of the days inside it. The tables keep those sums per day, month and year (``buckets``),
so any window reads a few dozen rows per commune whatever its length and however many dossiers
the province holds (``read``).

The rows change in the transaction that changes a dossier's events (``maintain``): the
dossier's contribution before and after is taken, and the difference added. A dossier whose
events reorder its past so that it leaves an outcome again (a late paper record) is marked
irregular and folded at read time instead, exactly as the desk's report folds it.
"""
