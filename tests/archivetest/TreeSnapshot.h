// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QCryptographicHash>
#include <QFile>
#include <QMap>
#include <QString>
#include <QStringList>

#include <dirent.h>
#include <sys/stat.h>

namespace mk::test {

/// Every entry below a directory, by lstat (symlinks are recorded, never followed): type,
/// permission bits and a digest of file contents. Two snapshots compare equal exactly when
/// the trees match file by file and mode by mode.
class TreeSnapshot final
{
public:
    struct Node
    {
        char type = '?'; ///< 'd', 'f', 'l' or '?'
        unsigned mode = 0;
        qint64 size = 0;
        QByteArray sha256;
        bool operator==(const Node &) const = default;
    };

    static QMap<QString, Node> take(const QString &root)
    {
        QMap<QString, Node> out;
        walk(root, QString(), out);
        return out;
    }

    /// "a/b.go f 0444 12 <hex>" lines, for readable failure messages.
    static QString describe(const QMap<QString, Node> &tree)
    {
        QStringList lines;
        for (auto it = tree.cbegin(); it != tree.cend(); ++it)
            lines << QStringLiteral("%1 %2 %3 %4 %5")
                         .arg(it.key(), QString(QLatin1Char(it->type)))
                         .arg(it->mode, 4, 8, QLatin1Char('0'))
                         .arg(it->size)
                         .arg(QString::fromLatin1(it->sha256.toHex().left(12)));
        return lines.join(QLatin1Char('\n'));
    }

private:
    static void walk(const QString &root, const QString &rel, QMap<QString, Node> &out)
    {
        const QString dirPath = rel.isEmpty() ? root : root + u'/' + rel;
        DIR *d = ::opendir(QFile::encodeName(dirPath).constData());
        if (!d)
            return;
        QStringList names;
        while (const struct dirent *de = ::readdir(d)) {
            const QByteArray n(de->d_name);
            if (n != "." && n != "..")
                names << QFile::decodeName(n);
        }
        ::closedir(d);
        for (const QString &name : std::as_const(names)) {
            const QString childRel = rel.isEmpty() ? name : rel + u'/' + name;
            const QString full = root + u'/' + childRel;
            struct stat st;
            if (::lstat(QFile::encodeName(full).constData(), &st) != 0)
                continue;
            Node node;
            node.mode = st.st_mode & 07777;
            if (S_ISDIR(st.st_mode)) {
                node.type = 'd';
                out.insert(childRel, node);
                walk(root, childRel, out);
                continue;
            }
            if (S_ISREG(st.st_mode)) {
                node.type = 'f';
                node.size = st.st_size;
                QFile f(full);
                if (f.open(QIODevice::ReadOnly))
                    node.sha256 = QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
            } else if (S_ISLNK(st.st_mode)) {
                node.type = 'l';
            }
            out.insert(childRel, node);
        }
    }
};

} // namespace mk::test
