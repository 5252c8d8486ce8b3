<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>DisplayFormat</name>
    <message numerus="yes">
        <location filename="../../ui/DisplayFormat.cpp" line="+30"/>
        <source>%n min ago</source>
        <translation>
            <numerusform>%n min ago</numerusform>
            <numerusform>%n min ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n h ago</source>
        <translation>
            <numerusform>%n h ago</numerusform>
            <numerusform>%n h ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>%n days ago</source>
        <translation>
            <numerusform>%n day ago</numerusform>
            <numerusform>%n days ago</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>mk::CacheModel</name>
    <message numerus="yes">
        <location filename="../../ui/CacheModel.cpp" line="+60"/>
        <source>%n versions</source>
        <translation>
            <numerusform>%n version</numerusform>
            <numerusform>%n versions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+783"/>
        <source>Used by %n project(s)</source>
        <translation>
            <numerusform>Used by %n project</numerusform>
            <numerusform>Used by %n projects</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>mk::CompareMirrorsDialog</name>
    <message numerus="yes">
        <location filename="../../ui/CompareMirrorsDialog.cpp" line="+36"/>
        <source>Asks each mirror for the %n selected versions — the version list, .info, go.mod and zip — and lists where they disagree. Nothing is written to the cache.</source>
        <translation>
            <numerusform>Asks each mirror for the %n selected version — the version list, .info, go.mod and zip — and lists where they disagree. Nothing is written to the cache.</numerusform>
            <numerusform>Asks each mirror for the %n selected versions — the version list, .info, go.mod and zip — and lists where they disagree. Nothing is written to the cache.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+178"/>
        <source>All %n mirrors agree on every version compared.</source>
        <translation>
            <numerusform>The %n mirror agrees on every version compared.</numerusform>
            <numerusform>All %n mirrors agree on every version compared.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>%n findings</source>
        <translation>
            <numerusform>%n finding</numerusform>
            <numerusform>%n findings</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>%n security findings: mirrors serve content go would reject.</source>
        <translation>
            <numerusform>%n security finding: a mirror serves content go would reject.</numerusform>
            <numerusform>%n security findings: mirrors serve content go would reject.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>mk::DownloadDialog</name>
    <message numerus="yes">
        <location filename="../../ui/DownloadDialog.cpp" line="+45"/>
        <source>Fetches %n version(s) again and compares them with the cache. Identical versions stay as they are; a version whose bytes differ is a security alert and the cached copy is kept.</source>
        <translation>
            <numerusform>Fetches %n version again and compares it with the cache. An identical version stays as it is; if its bytes differ, that is a security alert and the cached copy is kept.</numerusform>
            <numerusform>Fetches %n versions again and compares them with the cache. Identical versions stay as they are; a version whose bytes differ is a security alert and the cached copy is kept.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+255"/>
        <source>%n identical</source>
        <translation>
            <numerusform>%n identical</numerusform>
            <numerusform>%n identical</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n downloaded</source>
        <translation>
            <numerusform>%n downloaded</numerusform>
            <numerusform>%n downloaded</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n already complete</source>
        <translation>
            <numerusform>%n already complete</numerusform>
            <numerusform>%n already complete</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n CHANGED (security alert: the cached copies were kept)</source>
        <translation>
            <numerusform>%n CHANGED (security alert: the cached copy was kept)</numerusform>
            <numerusform>%n CHANGED (security alert: the cached copies were kept)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n failed</source>
        <translation>
            <numerusform>%n failed</numerusform>
            <numerusform>%n failed</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>mk::ExportDialog</name>
    <message numerus="yes">
        <location filename="../../ui/ExportDialog.cpp" line="+40"/>
        <source>Writes %n versions as a static GOPROXY folder: go reads it with GOPROXY=file://FOLDER, or from any web server that serves the folder.</source>
        <translation>
            <numerusform>Writes %n version as a static GOPROXY folder: go reads it with GOPROXY=file://FOLDER, or from any web server that serves the folder.</numerusform>
            <numerusform>Writes %n versions as a static GOPROXY folder: go reads it with GOPROXY=file://FOLDER, or from any web server that serves the folder.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+131"/>
        <source>%n versions exported to %1</source>
        <translation>
            <numerusform>%n version exported to %1</numerusform>
            <numerusform>%n versions exported to %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%n versions failed:</source>
        <translation>
            <numerusform>%n version failed:</numerusform>
            <numerusform>%n versions failed:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>%n checksum-database files included</source>
        <translation>
            <numerusform>%n checksum-database file included</numerusform>
            <numerusform>%n checksum-database files included</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>mk::HistoryController</name>
    <message numerus="yes">
        <location filename="../../ui/HistoryController.cpp" line="+112"/>
        <source>%n damaged line(s) in the size history were skipped</source>
        <translation>
            <numerusform>%n damaged line in the size history was skipped</numerusform>
            <numerusform>%n damaged lines in the size history were skipped</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>mk::ImportDialog</name>
    <message numerus="yes">
        <location filename="../../ui/ImportDialog.cpp" line="+143"/>
        <source>%n versions imported</source>
        <translation>
            <numerusform>%n version imported</numerusform>
            <numerusform>%n versions imported</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n versions already in the cache</source>
        <translation>
            <numerusform>%n version already in the cache</numerusform>
            <numerusform>%n versions already in the cache</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>%n versions refused (nothing of them reached the cache):</source>
        <translation>
            <numerusform>%n version refused (nothing of it reached the cache):</numerusform>
            <numerusform>%n versions refused (nothing of them reached the cache):</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+14"/>
        <source>%n versions have only .info/.mod in the folder and were skipped</source>
        <translation>
            <numerusform>%n version has only .info/.mod in the folder and was skipped</numerusform>
            <numerusform>%n versions have only .info/.mod in the folder and were skipped</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>mk::MainWindow</name>
    <message numerus="yes">
        <location filename="../../ui/MainWindowOthers.cpp" line="+140"/>
        <source>%n entries could not be removed.</source>
        <translation>
            <numerusform>%n entry could not be removed.</numerusform>
            <numerusform>%n entries could not be removed.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>mk::ProjectsDialog</name>
    <message numerus="yes">
        <location filename="../../ui/ProjectsDialog.cpp" line="+103"/>
        <source>%n project(s) in %1</source>
        <translation>
            <numerusform>%n project in %1</numerusform>
            <numerusform>%n projects in %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>mk::PurgeController</name>
    <message numerus="yes">
        <location filename="../../ui/PurgeController.cpp" line="+427"/>
        <source>%n interrupted purge(s) could not be trusted and were rolled back; their versions were kept:</source>
        <translation>
            <numerusform>%n interrupted purge could not be trusted and was rolled back; its versions were kept:</numerusform>
            <numerusform>%n interrupted purges could not be trusted and were rolled back; their versions were kept:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+8"/>
        <source>Completed %n interrupted purge(s)</source>
        <translation>
            <numerusform>Completed %n interrupted purge</numerusform>
            <numerusform>Completed %n interrupted purges</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>mk::SummaryPanel</name>
    <message numerus="yes">
        <location filename="../../ui/SummaryPanel.cpp" line="+340"/>
        <source>Entries unused for %n days: %1 (%2)</source>
        <translation>
            <numerusform>Entries unused for %n day: %1 (%2)</numerusform>
            <numerusform>Entries unused for %n days: %1 (%2)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>mk::ToolchainDialog</name>
    <message numerus="yes">
        <location filename="../../ui/ToolchainDialog.cpp" line="+149"/>
        <source>%n toolchain(s), %1</source>
        <translation>
            <numerusform>%n toolchain, %1</numerusform>
            <numerusform>%n toolchains, %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+46"/>
        <source>Remove %n toolchain(s) (%1) from the module cache? go downloads a toolchain again when GOTOOLCHAIN or a project asks for it.</source>
        <translation>
            <numerusform>Remove %n toolchain (%1) from the module cache? go downloads a toolchain again when GOTOOLCHAIN or a project asks for it.</numerusform>
            <numerusform>Remove %n toolchains (%1) from the module cache? go downloads a toolchain again when GOTOOLCHAIN or a project asks for it.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+51"/>
        <source>%n toolchain(s) could not be removed.</source>
        <translation>
            <numerusform>%n toolchain could not be removed.</numerusform>
            <numerusform>%n toolchains could not be removed.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>mk::ToolchainModel</name>
    <message numerus="yes">
        <location filename="../../ui/ToolchainModel.cpp" line="+45"/>
        <source>needed by %n project(s)</source>
        <translation>
            <numerusform>needed by %n project</numerusform>
            <numerusform>needed by %n projects</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>mk::TreemapView</name>
    <message numerus="yes">
        <location filename="../../ui/TreemapView.cpp" line="+290"/>
        <source>%n more</source>
        <translation>
            <numerusform>%n more</numerusform>
            <numerusform>%n more</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+165"/>
        <source>%n smaller item(s) in %1</source>
        <translation>
            <numerusform>%n smaller item in %1</numerusform>
            <numerusform>%n smaller items in %1</numerusform>
        </translation>
    </message>
</context>
</TS>
