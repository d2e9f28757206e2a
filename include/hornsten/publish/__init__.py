"""The process's published website: "Det här har vi hört" as static pages for the
municipality's web server — a start page with the key figures and the dialogue plan
beside what came of it, a page per cornerstone, the goal matrix, how the process
went, and an accessibility statement.

Built from the marts only (like the public report: counts, shares and pseudonymised
example answers, every cut under five left out), in Swedish plain language, without
JavaScript. ``service.publish`` writes it; ``hornsten publish`` and the reports DAG
call it."""
