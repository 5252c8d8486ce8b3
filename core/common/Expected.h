// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <utility>
#include <variant>

#include "Error.h"

namespace mk {

/// A value or an Error (std::expected is C++23; g++ 12 builds C++20).
template<typename T>
class Expected
{
public:
    Expected(T value) : m_data(std::in_place_index<0>, std::move(value)) { }
    Expected(Error error) : m_data(std::in_place_index<1>, std::move(error)) { }

    [[nodiscard]] bool ok() const { return m_data.index() == 0; }
    explicit operator bool() const { return ok(); }

    [[nodiscard]] const T &value() const & { return std::get<0>(m_data); }
    [[nodiscard]] T &value() & { return std::get<0>(m_data); }
    [[nodiscard]] T &&value() && { return std::get<0>(std::move(m_data)); }
    [[nodiscard]] const Error &error() const { return std::get<1>(m_data); }
    [[nodiscard]] T valueOr(T fallback) const { return ok() ? value() : std::move(fallback); }

    const T *operator->() const { return &value(); }
    const T &operator*() const { return value(); }

private:
    std::variant<T, Error> m_data;
};

/// Success, or an Error.
class Status
{
public:
    Status() = default;
    Status(Error error) : m_error(std::move(error)) { }

    [[nodiscard]] bool ok() const { return !m_error.isError(); }
    explicit operator bool() const { return ok(); }
    [[nodiscard]] const Error &error() const { return m_error; }

private:
    Error m_error;
};

} // namespace mk
