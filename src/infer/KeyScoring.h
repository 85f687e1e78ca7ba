#pragma once

#include "catalog/Catalog.h"
#include "infer/InferredKey.h"

#include <vector>

namespace fkscope {

// Turns names and values into one confidence per candidate, then makes each child column set
// point at one parent at most. Pure.
//
// confidence = name score x value factor, where the value factor is
//   1                      every non-null value is found in the parent
//   1 - 4 x orphan share   up to 10% orphan rows (data that mostly follows the key)
//   0.4 - orphan share     more orphans than that, or more than half of the distinct values
//   (at least 0.05)        orphans: not a key, whatever its name
// The orphan share is the lower end of its 95% Wilson interval: one orphan among two values
// is not yet "many", 200 among 600 are.
//   0.72                   no values to judge by (an empty table, a column of NULLs): names
//                          alone, proposed when they say as much as a self-reference word
// Of the candidates of one child column set, the best is kept. Candidates within 0.05 of it
// are ambiguous: each gets its confidence divided by their number, so none is proposed. Any
// other is capped below the proposal threshold. A one-column proposal that a proposed
// composite key implies (stock_reservations(product_id, warehouse_id) -> stock, which itself
// references products through product_id) is capped the same way.
void scoreKeys(std::vector<InferredKey> &keys, const Catalog &catalog);

// The lower end of the orphan share's 95% Wilson interval.
double orphanShareLowerBound(const ValueEvidence &values);

// The value factor alone, for tests.
double valueFactor(const ValueEvidence &values);

} // namespace fkscope
