// SPDX-License-Identifier: GPL-3.0-or-later
#include "ProxySwitcher.h"

#include <QtConcurrent>

#include "common/CorePool.h"
#include "env/GoEnvWriter.h"
#include "proxy/ProxyPresetStore.h"

using namespace Qt::StringLiterals;

namespace mk {

Expected<ProxyApplyPlan> ProxySwitcher::plan(const ProxyPreset &preset, const GoEnvInputs &inputs,
                                             const QStringList &credentialHosts)
{
    if (Status st = ProxyPresetStore::validate(preset); !st)
        return st.error();
    if (Status st = ProxySafetyCheck::checkCredentialTransport(preset.goproxy, credentialHosts);
        !st)
        return st.error();
    const Expected<QString> file = GoEnvWriter::envFilePath(inputs);
    if (!file)
        return file.error();

    ProxyApplyPlan p;
    p.preset = preset;
    p.envFile = *file;
    const GoEnvWriteRules rules = GoEnvWriter::rulesFor(GoEnvironment::resolve(inputs));
    QStringList written;
    for (const auto &[name, value] : preset.values()) {
        if (Status st = GoEnvFile::checkWrite(name, value, rules); !st)
            return st.error();
        if (value.isEmpty() && name != u"GOPROXY")
            p.unset.append(name);
        else
            p.set.append({name, value.toUtf8()});
        written.append(name);
    }
    p.warnings = ProxySafetyCheck::check(preset.values());
    p.overrides = ProxyEnvState::read(inputs).overrides(written);
    return p;
}

ProxyApplyResult ProxySwitcher::apply(const ProxyApplyPlan &plan, const GoEnvInputs &inputs)
{
    ProxyApplyResult r;
    const Expected<GoEnvWriteResult> written = GoEnvWriter::write(inputs, plan.set, plan.unset);
    if (!written) {
        r.error = written.error();
        return r;
    }
    r.envFile = written->path;
    r.changed = written->changed;
    r.goWarnings = written->conflictWarnings;
    r.state = ProxyEnvState::read(inputs);
    QStringList names;
    for (const GoEnvFile::Assignment &a : plan.set)
        names.append(a.first);
    names += plan.unset;
    r.overrides = r.state.overrides(names);
    return r;
}

QFuture<ProxyApplyResult> ProxySwitcher::applyAsync(const ProxyApplyPlan &plan,
                                                    const GoEnvInputs &inputs)
{
    return QtConcurrent::run(CorePool::instance(), [plan, inputs] { return apply(plan, inputs); });
}

} // namespace mk
