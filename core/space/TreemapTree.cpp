// SPDX-License-Identifier: GPL-3.0-or-later
#include "TreemapTree.h"

#include <algorithm>
#include <array>
#include <vector>

#include <QHash>

namespace mk {

namespace {

struct BuildNode
{
    TreemapNode node;
    std::vector<int> kids;
    std::array<quint64, 4> stateBytes{};
};

} // namespace

QList<TreemapNode> TreemapTree::build(const QList<TreemapItem> &items,
                                      const std::function<bool()> &cancelled)
{
    std::vector<BuildNode> tmp;
    tmp.reserve(size_t(items.size()) + size_t(items.size()) / 2 + 1);
    tmp.push_back({});
    // One lookup for every group, keyed by level and full prefix so that levels never clash.
    QHash<QString, int> groups;
    groups.reserve(items.size());
    const auto groupOf = [&](int parent, TreemapNode::Level level, const QString &key,
                             const QString &label) {
        const QString full = QChar(u'0' + int(level)) + key;
        auto it = groups.constFind(full);
        if (it != groups.constEnd())
            return it.value();
        const int index = int(tmp.size());
        BuildNode n;
        n.node.label = label;
        n.node.level = level;
        n.node.parent = parent;
        tmp.push_back(std::move(n));
        tmp[size_t(parent)].kids.push_back(index);
        groups.insert(full, index);
        return index;
    };

    int lastModule = -1;
    for (qsizetype i = 0; i < items.size(); ++i) {
        if ((i & 4095) == 0 && cancelled && cancelled())
            return {};
        const TreemapItem &item = items.at(i);
        // Snapshots list a module's versions together: look its groups up once.
        if (lastModule < 0 || item.modulePath != tmp[size_t(lastModule)].node.label) {
            const qsizetype slash1 = item.modulePath.indexOf(u'/');
            const QString host = slash1 < 0 ? item.modulePath : item.modulePath.left(slash1);
            int group = groupOf(0, TreemapNode::Host, host, host);
            if (slash1 >= 0) {
                const qsizetype slash2 = item.modulePath.indexOf(u'/', slash1 + 1);
                if (slash2 >= 0) {
                    const QString prefix = item.modulePath.left(slash2);
                    group = groupOf(group, TreemapNode::Owner, prefix,
                                    item.modulePath.mid(slash1 + 1, slash2 - slash1 - 1));
                }
            }
            lastModule = groupOf(group, TreemapNode::Module, item.modulePath, item.modulePath);
        }
        const int parent = lastModule;
        BuildNode v;
        v.node.label = item.version;
        v.node.level = TreemapNode::Version;
        v.node.parent = parent;
        v.node.item = int(i);
        v.node.weight = item.bytes;
        v.node.state = item.state;
        v.node.lastUsedMs = item.lastUsedMs;
        v.stateBytes[item.state & 3] = item.bytes;
        tmp[size_t(parent)].kids.push_back(int(tmp.size()));
        tmp.push_back(std::move(v));
    }

    // Weights, states and last uses up the tree: children were always created after their
    // parents, so one backwards pass sees every child before its parent.
    for (size_t i = tmp.size(); i-- > 1;) {
        BuildNode &child = tmp[i];
        BuildNode &parent = tmp[size_t(child.node.parent)];
        parent.node.weight += child.node.weight;
        parent.node.lastUsedMs = std::max(parent.node.lastUsedMs, child.node.lastUsedMs);
        for (size_t s = 0; s < 4; ++s)
            parent.stateBytes[s] += child.stateBytes[s];
        if (!child.kids.empty()) {
            const auto top = std::max_element(child.stateBytes.begin(), child.stateBytes.end());
            child.node.state = quint8(top - child.stateBytes.begin());
        }
    }
    if (!tmp[0].kids.empty()) {
        const auto top = std::max_element(tmp[0].stateBytes.begin(), tmp[0].stateBytes.end());
        tmp[0].node.state = quint8(top - tmp[0].stateBytes.begin());
    }

    // Flatten breadth first, each node's children contiguous and in a stable order.
    QList<TreemapNode> out;
    out.reserve(qsizetype(tmp.size()));
    out.append(tmp[0].node);
    std::vector<int> source{0}; // out index -> tmp index
    source.reserve(tmp.size());
    for (qsizetype at = 0; at < out.size(); ++at) {
        if ((at & 4095) == 0 && cancelled && cancelled())
            return {};
        std::vector<int> &kids = tmp[size_t(source[size_t(at)])].kids;
        std::sort(kids.begin(), kids.end(), [&tmp](int a, int b) {
            const TreemapNode &x = tmp[size_t(a)].node;
            const TreemapNode &y = tmp[size_t(b)].node;
            if (x.weight != y.weight)
                return x.weight > y.weight;
            return x.label < y.label;
        });
        out[at].firstChild = kids.empty() ? -1 : int(out.size());
        out[at].childCount = int(kids.size());
        for (int k : kids) {
            TreemapNode n = std::move(tmp[size_t(k)].node);
            n.parent = int(at);
            out.append(std::move(n));
            source.push_back(k);
        }
    }
    return out;
}

} // namespace mk
