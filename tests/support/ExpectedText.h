// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include "common/Expected.h"

namespace mk::test {

/// The error text of an Expected, or an empty string when it holds a value. QVERIFY2
/// evaluates its message even when the check passes, so messages must not call error()
/// on a value.
template<typename T>
[[nodiscard]] QString errorText(const Expected<T> &e)
{
    return e.ok() ? QString() : e.error().toString();
}

} // namespace mk::test
