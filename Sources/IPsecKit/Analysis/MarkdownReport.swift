/// A readable Markdown report of what was analysed: the findings first (with their
/// causes, fix steps and evidence), then the tables. Used by the console's `:export` and
/// by the headless commands' `--report`. Only parsed values appear, never raw
/// configuration, so no key or password can reach a report.
public enum MarkdownReport {
    public static func render(_ report: AnalysisReport, title: String, subtitle: String? = nil) -> String {
        var out: [String] = ["# " + escape(title), ""]
        if let subtitle { out += [escape(subtitle), ""] }
        out += findings(report.findings)
        if let comparison = report.comparison { out += self.comparison(comparison) }
        out += phase1(report)
        out += phase2(report)
        if !report.engineConnections.isEmpty {
            out += ["## Crypto engine connections", ""]
            out += table(["ID", "Interface/type", "Address", "Algorithm", "Encrypt", "Decrypt"], report.engineConnections.map {
                [$0.connId.map(String.init), $0.interface ?? $0.type, $0.ipAddress, $0.algorithm, $0.encrypt.map(String.init), $0.decrypt.map(String.init)]
            })
        }
        if !report.warnings.isEmpty {
            out += ["## Input warnings", ""]
            out += report.warnings.map { "- " + escape($0.description) }
            out.append("")
        }
        return out.joined(separator: "\n")
    }

    static func findings(_ findings: [Finding]) -> [String] {
        guard !findings.isEmpty else { return ["## Findings", "", "No problem found.", ""] }
        var out = ["## Findings (\(findings.count))", ""]
        for (n, f) in findings.enumerated() {
            out.append("### \(n + 1). \(escape(f.title))")
            out.append("")
            var facts = ["`\(f.id)`", f.severity.rawValue, f.phase.rawValue]
            if let peer = f.peer { facts.append("peer \(peer)") }
            if f.count > 1 { facts.append("seen \(f.count) times") }
            out.append(facts.joined(separator: " · "))
            out.append("")
            if !f.evidence.isEmpty {
                out.append("Evidence: line\(f.evidence.count == 1 ? "" : "s") " + f.evidence.map(String.init).joined(separator: ", "))
                out.append("")
            }
            if !f.causes.isEmpty {
                out.append("Likely causes:")
                out.append("")
                out += f.causes.map { "- " + escape($0) }
                out.append("")
            }
            if !f.fixes.isEmpty {
                out.append("What to do:")
                out.append("")
                for (i, step) in f.fixes.enumerated() {
                    out.append("\(i + 1). \(escape(step.text))")
                    for (label, commands) in [("check", step.verify), ("change", step.fix)] {
                        guard let commands else { continue }
                        for (platform, list) in [("IOS", commands.ios ?? []), ("ASA", commands.asa ?? [])] where !list.isEmpty {
                            out.append("   - \(label), \(platform):")
                            out.append("")
                            out.append("     ```")
                            out += list.map { "     " + $0 }
                            out.append("     ```")
                        }
                    }
                }
                out.append("")
            }
            if !f.related.isEmpty { out += ["See also: " + f.related.map { "`\($0)`" }.joined(separator: ", "), ""] }
        }
        return out
    }

    static func phase1(_ report: AnalysisReport) -> [String] {
        guard !report.isakmpSas.isEmpty || !report.ikev2Sas.isEmpty else { return [] }
        var out = ["## Phase 1", ""]
        if !report.isakmpSas.isEmpty {
            out += table(["Peer", "Source", "State", "Conn-id", "Status/role"], report.isakmpSas.map {
                [$0.peer ?? $0.dst ?? $0.remote, $0.src ?? $0.local, $0.state, $0.connId.map(String.init), $0.status ?? $0.role]
            })
        }
        if !report.ikev2Sas.isEmpty {
            out += table(["Tunnel", "Local", "Remote", "Status", "Encryption", "DH"], report.ikev2Sas.map {
                [$0.tunnelId.map(String.init), $0.local, $0.remote, $0.status, $0.encryption, $0.dhGroup.map(String.init)]
            })
        }
        return out
    }

    static func phase2(_ report: AnalysisReport) -> [String] {
        guard !report.ipsecSas.isEmpty else { return [] }
        func ident(_ i: IpsecIdentity?) -> String? { i.map { "\($0.addr)/\($0.mask)" } }
        return ["## Phase 2", ""] + table(["Interface", "Peer", "Local", "Remote", "Encaps", "Decaps", "Send/recv errors", "SAs"], report.ipsecSas.map {
            [$0.interface, $0.peer, ident($0.localIdent), ident($0.remoteIdent), $0.counters.pktsEncaps.map(String.init),
             $0.counters.pktsDecaps.map(String.init),
             "\($0.counters.sendErrors.map(String.init) ?? "-")/\($0.counters.recvErrors.map(String.init) ?? "-")", String($0.sas.count)]
        })
    }

    static func table(_ headers: [String], _ rows: [[String?]]) -> [String] {
        var out = ["| " + headers.joined(separator: " | ") + " |", "|" + headers.map { _ in "---" }.joined(separator: "|") + "|"]
        out += rows.map { "| " + $0.map { escape($0 ?? "-").replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ") + " |" }
        out.append("")
        return out
    }

    /// Device text is untrusted: keep it to one printable line.
    static func escape(_ text: String) -> String {
        String(text.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? " " : Character($0) })
    }
}
