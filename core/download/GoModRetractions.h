// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

namespace mk {

/// The retract directives of a go.mod (golang.org/x/mod/modfile): `retract v1.2.0`,
/// `retract [v1.0.0, v1.1.9]`, and the block form `retract ( ... )`, with // comments and
/// quoted versions. go reads them from the latest version's go.mod and leaves retracted
/// versions out of queries such as @latest.
class GoModRetractions final
{
public:
    struct Interval
    {
        QString low;
        QString high;
    };

    /// What could be read; malformed directives are skipped (go would reject that go.mod, and
    /// then it applies no retractions either).
    [[nodiscard]] static GoModRetractions parse(const QByteArray &goMod);

    [[nodiscard]] bool retracts(const QString &version) const;
    [[nodiscard]] const QList<Interval> &intervals() const { return m_intervals; }

private:
    QList<Interval> m_intervals;
};

} // namespace mk
