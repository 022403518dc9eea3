// The part of a request's cost that is an estimate for failed calls a vendor may bill (a timeout after it had the
// request, an answer cut off or unreadable), so finance can tell retry waste from answers. Null: none.
export const failedCost016 = {
  version: 16,
  name: 'failed_cost',
  sql: `ALTER TABLE request_log ADD COLUMN failed_cost_usd REAL;`,
};
