// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

class QThreadPool;

namespace mk {

/// The thread pool every long core job runs on. The core owns it: jobs never use
/// QThreadPool::globalInstance(), so the GUI's own pool use cannot starve them.
class CorePool final
{
public:
    /// The pool; created on first use, one thread per core (at least two).
    static QThreadPool *instance();
    /// How many workers a job that splits its work should start.
    static int parallelism();
    /// Called by a job's workers as they start: core work is background work, so the thread
    /// runs at a lower scheduling priority than the GUI thread (on Linux, a per-thread nice
    /// of 5). A scan that keeps both cores busy then cannot stall the window.
    static void markBackgroundThread();
};

} // namespace mk
