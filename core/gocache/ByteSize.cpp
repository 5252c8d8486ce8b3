// SPDX-License-Identifier: GPL-3.0-or-later
#include "ByteSize.h"

#include <cmath>

using namespace Qt::StringLiterals;

namespace mk {

Expected<quint64> ByteSize::parse(const QString &text)
{
    const QString t = text.trimmed().toLower();
    qsizetype end = 0;
    while (end < t.size() && (t.at(end).isDigit() || t.at(end) == u'.'))
        ++end;
    bool ok = false;
    const double number = t.left(end).toDouble(&ok);
    const QString unit = t.mid(end).trimmed();
    double factor = -1;
    static const struct
    {
        const char16_t *prefix;
        int power;
    } units[] = {{u"", 0}, {u"k", 1}, {u"m", 2}, {u"g", 3}, {u"t", 4}};
    for (const auto &u : units) {
        const QString p = QString::fromUtf16(u.prefix);
        if (unit == p || (!p.isEmpty() && unit == p + u"b") || (unit == u"b"_s && p.isEmpty()))
            factor = std::pow(1000.0, u.power);
        else if (!p.isEmpty() && unit == p + u"ib")
            factor = std::pow(1024.0, u.power);
    }
    if (!ok || factor < 0 || number < 0 || !std::isfinite(number * factor)
        || number * factor > 9.2e18)
        return Error::make(Error::Code::InvalidArgument,
                           u"not a size (examples: 5G, 512MiB, 1000000)"_s, text);
    return quint64(std::llround(number * factor));
}

} // namespace mk
