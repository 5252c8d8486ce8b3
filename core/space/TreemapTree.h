// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <functional>

#include "space/TreemapRecords.h"

namespace mk {

/// Builds the weighted tree host → owner → module → version from flat items. A module path
/// of three or more elements gets all three group levels (github.com → owner → module,
/// golang.org → x → golang.org/x/tools); one of two elements (gopkg.in/yaml.v3) has no owner.
class TreemapTree final
{
public:
    /// Node 0 is the root. Children are sorted by weight, largest first, then by label.
    /// cancelled is polled now and then; when it returns true the result is empty.
    [[nodiscard]] static QList<TreemapNode> build(const QList<TreemapItem> &items,
                                                  const std::function<bool()> &cancelled = {});
};

} // namespace mk
