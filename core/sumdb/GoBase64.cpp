// SPDX-License-Identifier: GPL-3.0-or-later
#include "GoBase64.h"

namespace mk {

namespace {

int value(char c)
{
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 26;
    if (c >= '0' && c <= '9')
        return c - '0' + 52;
    if (c == '+')
        return 62;
    if (c == '/')
        return 63;
    return -1;
}

} // namespace

QByteArray GoBase64::encode(QByteArrayView data)
{
    return QByteArray(data.data(), data.size()).toBase64(QByteArray::Base64Encoding);
}

std::optional<QByteArray> GoBase64::decode(QByteArrayView text)
{
    QByteArray s;
    s.reserve(text.size());
    for (const char c : text) {
        if (c != '\r' && c != '\n')
            s.append(c);
    }
    if (s.size() % 4 != 0)
        return std::nullopt;
    QByteArray out;
    out.reserve(s.size() / 4 * 3);
    for (qsizetype i = 0; i < s.size(); i += 4) {
        const bool last = i + 4 == s.size();
        int v[4];
        int pad = 0;
        for (int k = 0; k < 4; ++k) {
            const char c = s.at(i + k);
            if (c == '=') {
                // Padding only in the last quantum, only in positions 2 and 3, only at the end.
                if (!last || k < 2)
                    return std::nullopt;
                ++pad;
                v[k] = 0;
                continue;
            }
            if (pad > 0)
                return std::nullopt;
            v[k] = value(c);
            if (v[k] < 0)
                return std::nullopt;
        }
        const quint32 n
            = quint32(v[0]) << 18 | quint32(v[1]) << 12 | quint32(v[2]) << 6 | quint32(v[3]);
        out.append(char(n >> 16));
        if (pad < 2)
            out.append(char(n >> 8 & 0xff));
        if (pad < 1)
            out.append(char(n & 0xff));
    }
    return out;
}

} // namespace mk
