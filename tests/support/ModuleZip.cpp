// SPDX-License-Identifier: GPL-3.0-or-later
#include "ModuleZip.h"

#include <zip.h>

#include <QFile>

using namespace Qt::StringLiterals;

namespace mk::test {

namespace {

Error zipError(zip_t *archive, const QString &zipPath, const QString &what)
{
    return Error::make(Error::Code::Io, what + u": "_s + QString::fromUtf8(zip_strerror(archive)),
                       zipPath);
}

} // namespace

Status ModuleZip::write(const QString &zipPath, const QString &modulePath, const QString &version,
                        const Files &files)
{
    int err = 0;
    zip_t *archive
        = zip_open(QFile::encodeName(zipPath).constData(), ZIP_CREATE | ZIP_TRUNCATE, &err);
    if (!archive)
        return Error::make(Error::Code::Io, u"cannot create zip (libzip error %1)"_s.arg(err),
                           zipPath);
    const QString prefix = modulePath + u'@' + version + u'/';
    for (auto it = files.cbegin(); it != files.cend(); ++it) {
        // libzip keeps a pointer to the buffer until zip_close: let it copy the data.
        void *copy = ::malloc(size_t(std::max<qsizetype>(it.value().size(), 1)));
        if (!copy) {
            zip_discard(archive);
            return Error::make(Error::Code::Io, u"out of memory"_s, zipPath);
        }
        ::memcpy(copy, it.value().constData(), size_t(it.value().size()));
        zip_source_t *source = zip_source_buffer(archive, copy, zip_uint64_t(it.value().size()), 1);
        if (!source) {
            ::free(copy);
            const Error e = zipError(archive, zipPath, u"zip_source_buffer"_s);
            zip_discard(archive);
            return e;
        }
        const QByteArray name = (prefix + it.key()).toUtf8();
        const zip_int64_t index
            = zip_file_add(archive, name.constData(), source, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE);
        if (index < 0) {
            zip_source_free(source);
            const Error e = zipError(archive, zipPath, u"zip_file_add "_s + it.key());
            zip_discard(archive);
            return e;
        }
        // Deflate like go, at the fastest level: large fixtures are built in seconds, not minutes.
        zip_set_file_compression(archive, zip_uint64_t(index), ZIP_CM_DEFLATE, 1);
    }
    if (zip_close(archive) != 0) {
        const Error e = zipError(archive, zipPath, u"zip_close"_s);
        zip_discard(archive);
        return e;
    }
    // libzip writes nothing for an archive without entries; go needs a file to exist.
    if (files.isEmpty()) {
        QFile f(zipPath);
        static const char emptyZip[22] = {'P', 'K', 5, 6};
        if (!f.open(QIODevice::WriteOnly) || f.write(emptyZip, sizeof emptyZip) != sizeof emptyZip)
            return Error::make(Error::Code::Io, u"cannot write empty zip"_s, zipPath);
    }
    return {};
}

} // namespace mk::test
