// SPDX-License-Identifier: GPL-3.0-or-later
#include "ScanRecords.h"

using namespace Qt::StringLiterals;

namespace mk {

VersionState versionStateOf(quint8 pieces)
{
    if (pieces & HasTree)
        return (pieces & HasPartial) || !(pieces & HasZiphash) ? VersionState::Partial
                                                               : VersionState::Complete;
    if ((pieces & HasZip) && (pieces & HasZiphash) && !(pieces & HasPartial))
        return VersionState::ArchiveOnly;
    if (pieces & (HasZip | HasZiphash | HasPartial))
        return VersionState::Partial;
    return VersionState::MetadataOnly;
}

ModuleVersionRecord ModuleVersionRecord::afterLightClean() const
{
    ModuleVersionRecord r = *this;
    r.diskBytes = diskBytes > treeBytes ? diskBytes - treeBytes : 0;
    r.apparentBytes = apparentBytes > treeBytes ? apparentBytes - treeBytes : 0;
    r.treeBytes = 0;
    r.files = 0;
    r.pieces = quint8(pieces & ~(HasTree | HasPartial));
    r.state = versionStateOf(r.pieces);
    return r;
}

ModuleVersionRecord ModuleVersionRecord::afterRestore(quint64 newTreeBytes, quint64 treeApparent,
                                                      quint64 newFiles) const
{
    // A half tree and go's marker went first (RestoreJob does as go does).
    ModuleVersionRecord r = afterLightClean();
    r.pieces = quint8(r.pieces | HasTree);
    r.state = versionStateOf(r.pieces);
    r.treeBytes = newTreeBytes;
    r.diskBytes += newTreeBytes;
    r.apparentBytes += treeApparent;
    r.files = newFiles;
    return r;
}

void ScanResult::append(const ScanChunk &chunk)
{
    versions += chunk.versions;
    others += chunk.others;
    issues += chunk.issues;
    totals = chunk.totals;
    atimeMode = chunk.atimeMode;
    if (chunk.error.isError())
        error = chunk.error;
}

QString toString(VersionState state)
{
    switch (state) {
    case VersionState::Complete:
        return u"complete"_s;
    case VersionState::Partial:
        return u"partial"_s;
    case VersionState::ArchiveOnly:
        return u"archive-only"_s;
    case VersionState::MetadataOnly:
        return u"metadata-only"_s;
    }
    return {};
}

QString toString(OtherKind kind)
{
    switch (kind) {
    case OtherKind::Vcs:
        return u"vcs"_s;
    case OtherKind::Sumdb:
        return u"sumdb"_s;
    case OtherKind::Toolchain:
        return u"toolchain"_s;
    case OtherKind::Metadata:
        return u"metadata"_s;
    case OtherKind::Trash:
        return u"trash"_s;
    case OtherKind::Unknown:
        return u"unknown"_s;
    }
    return {};
}

QString toString(AtimeMode mode)
{
    switch (mode) {
    case AtimeMode::Strict:
        return u"strictatime"_s;
    case AtimeMode::Relatime:
        return u"relatime"_s;
    case AtimeMode::NoAtime:
        return u"noatime"_s;
    case AtimeMode::Unknown:
        return u"unknown"_s;
    }
    return {};
}

} // namespace mk
