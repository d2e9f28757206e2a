-- depends: 0012_priorities
-- Issue 13: dbt's sessions run without JIT compilation. The models' CTEs hide their
-- sizes from the planner, whose cost estimates then run 100 to 10,000 times too high
-- and switch JIT on for every heavy model: measured at 100,000 responses, compiling
-- took 1 to 2.7 s a model and the compiled query itself ran slower (discovery_terms
-- 8.3 s against 6.8 s without), since the time goes to sorting, hashing and regular
-- expressions, which JIT does not speed up. Applies to the transformer's logins.

alter role hornsten_transformer set jit = off;
