// SPDX-License-Identifier: GPL-3.0-or-later
#include "TreemapJob.h"

#include <QPromise>
#include <QtConcurrent/QtConcurrentRun>

#include "common/CorePool.h"
#include "space/TreemapTree.h"

namespace mk {

QString TreemapLayoutResult::pathOf(int node) const
{
    if (node <= 0 || node >= nodes.size())
        return {};
    const TreemapNode &n = nodes.at(node);
    switch (n.level) {
    case TreemapNode::Module:
        return n.label;
    case TreemapNode::Version:
        return items.value(n.item).modulePath + u'@' + n.label;
    case TreemapNode::Owner:
        return nodes.at(n.parent).label + u'/' + n.label;
    default:
        return n.label;
    }
}

TreemapLayoutResult TreemapJob::run(Request request, const std::function<bool()> &cancelled)
{
    TreemapLayoutResult result;
    result.bounds = QRectF(QPointF(0, 0), request.size);
    request.items.reserve(request.items.size() + request.records.size());
    for (const ModuleVersionRecord &r : std::as_const(request.records))
        request.items.append({r.path, r.version, r.diskBytes, quint8(r.state),
                              r.lastUsed.isValid() ? r.lastUsed.toMSecsSinceEpoch() : 0});
    request.records = {};
    result.nodes = TreemapTree::build(request.items, cancelled);
    result.items = std::move(request.items);
    if (result.nodes.isEmpty())
        return result;
    int zoom = 0;
    result.zoomChain.append(0);
    for (const QString &label : std::as_const(request.zoomPath)) {
        const TreemapNode &n = result.nodes.at(zoom);
        int next = -1;
        for (int c = 0; c < n.childCount && next < 0; ++c)
            if (result.nodes.at(n.firstChild + c).label == label)
                next = n.firstChild + c;
        if (next < 0)
            break;
        zoom = next;
        result.zoomChain.append(zoom);
    }
    result.tiles = SquarifiedLayout::layoutTree(result.nodes, zoom, result.bounds,
                                                request.options, cancelled);
    return result;
}

QFuture<TreemapLayoutResult> TreemapJob::start(Request request)
{
    return QtConcurrent::run(CorePool::instance(),
                             [request = std::move(request)](
                                 QPromise<TreemapLayoutResult> &promise) mutable {
                                 CorePool::markBackgroundThread();
                                 const auto cancelled = [&promise] {
                                     return promise.isCanceled();
                                 };
                                 TreemapLayoutResult result = run(std::move(request), cancelled);
                                 if (!promise.isCanceled())
                                     promise.addResult(std::move(result));
                             });
}

} // namespace mk
