-- customer_scores holds what the recomputation derived from a customer's facts, and only the recomputation writes it:
-- in its own transaction, for customers it has just read as live (not merged away, not erased). Every score row it
-- wrote was checked against customers and locked that customer's row for the check, about three a new customer, half
-- the cost of writing the scores. Customers are never deleted once committed (a merge or an erasure keeps the row, and
-- the scores of both are deleted then), so the check guarded nothing the recomputation does not already ensure.
alter table customer_scores drop constraint customer_scores_customer_id_fkey;
