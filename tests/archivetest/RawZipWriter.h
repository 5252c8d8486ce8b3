// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>

#include <QByteArray>
#include <QFile>
#include <QList>
#include <QString>
#include <QtGlobal>

namespace mk::test {

/// Writes zip files byte by byte, so that tests can build what no honest zipper produces:
/// lying sizes, symlink modes, duplicate and non-UTF-8 names, directory entries. Deflate
/// comes from qCompress (a zlib stream: the raw deflate data sits between its 2-byte header
/// and 4-byte Adler-32 trailer). Header-only; used by tst_hash1 and tst_modulezip.
class RawZipWriter final
{
public:
    enum class Method : quint16 {
        Store = 0,
        Deflate = 8
    };

    struct Entry
    {
        QByteArray name;
        QByteArray data;
        Method method = Method::Deflate;
        std::optional<quint64>
            declaredSize;           ///< uncompressed size in the headers; default: real size
        quint8 madeBy = 3;          ///< 3 = unix
        quint32 unixMode = 0100644; ///< stored in the high 16 bits of the external attributes
    };

    RawZipWriter &add(const Entry &e)
    {
        m_entries.append(e);
        return *this;
    }
    RawZipWriter &file(const QByteArray &name, const QByteArray &data,
                       Method method = Method::Deflate)
    {
        return add({name, data, method, std::nullopt, 3, 0100644});
    }
    RawZipWriter &dir(const QByteArray &name)
    {
        return add({name, {}, Method::Store, std::nullopt, 3, 040755});
    }

    [[nodiscard]] QByteArray bytes() const
    {
        QByteArray out;
        QByteArray central;
        for (const Entry &e : m_entries) {
            QByteArray payload = e.data;
            if (e.method == Method::Deflate) {
                const QByteArray z = qCompress(e.data, 9);
                payload = z.mid(4 + 2, z.size() - 4 - 2 - 4);
            }
            const quint32 crc = crc32(e.data);
            const quint32 size = quint32(e.declaredSize.value_or(quint64(e.data.size())));
            const quint32 offset = quint32(out.size());
            put32(out, 0x04034b50);
            put16(out, 20);
            put16(out, 0);
            put16(out, quint16(e.method));
            put16(out, 0);      // time
            put16(out, 0x5621); // date 2023-01-01
            put32(out, crc);
            put32(out, quint32(payload.size()));
            put32(out, size);
            put16(out, quint16(e.name.size()));
            put16(out, 0);
            out += e.name;
            out += payload;

            put32(central, 0x02014b50);
            put16(central, quint16(e.madeBy << 8 | 20));
            put16(central, 20);
            put16(central, 0);
            put16(central, quint16(e.method));
            put16(central, 0);
            put16(central, 0x5621);
            put32(central, crc);
            put32(central, quint32(payload.size()));
            put32(central, size);
            put16(central, quint16(e.name.size()));
            put16(central, 0); // extra
            put16(central, 0); // comment
            put16(central, 0); // disk
            put16(central, 0); // internal attributes
            put32(central, e.unixMode << 16);
            put32(central, offset);
            central += e.name;
        }
        const quint32 cdOffset = quint32(out.size());
        out += central;
        put32(out, 0x06054b50);
        put16(out, 0);
        put16(out, 0);
        put16(out, quint16(m_entries.size()));
        put16(out, quint16(m_entries.size()));
        put32(out, quint32(central.size()));
        put32(out, cdOffset);
        put16(out, 0);
        return out;
    }

    bool write(const QString &path) const
    {
        QFile f(path);
        const QByteArray b = bytes();
        return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(b) == b.size();
    }

    static quint32 crc32(const QByteArray &data)
    {
        quint32 c = 0xFFFFFFFFu;
        for (char ch : data) {
            c ^= uchar(ch);
            for (int k = 0; k < 8; ++k)
                c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1u)));
        }
        return ~c;
    }

private:
    static void put16(QByteArray &b, quint16 v)
    {
        b += char(v & 0xFF);
        b += char(v >> 8);
    }
    static void put32(QByteArray &b, quint32 v)
    {
        put16(b, quint16(v & 0xFFFF));
        put16(b, quint16(v >> 16));
    }

    QList<Entry> m_entries;
};

} // namespace mk::test
