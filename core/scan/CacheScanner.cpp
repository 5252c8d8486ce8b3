// SPDX-License-Identifier: GPL-3.0-or-later
#include "CacheScanner.h"

namespace mk {

QFuture<ScanChunk> CacheScanner::start(const Options &) { return {}; }
ScanResult CacheScanner::run(const Options &) { return {}; }
AtimeMode CacheScanner::detectAtimeMode(const QString &) { return AtimeMode::Unknown; }
QString CacheScanner::trashDirName() { return QStringLiteral(".modkeeper-trash"); }

} // namespace mk
