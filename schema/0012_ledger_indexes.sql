-- 0012: the ledger keeps only the indexes its reads and its foreign keys use. Every transfer
-- writes each index of transactions; these two served no read: a ledger row is found by its
-- accounts (transactions_from, transactions_to) or its users (for their foreign keys).
DROP INDEX transactions_by_currency;
DROP INDEX transactions_unconfirmed;
