import IPsecKit

/// Renders an `AnalysisReport` as readable tables for a terminal or a pager.
struct ReportPrinter {
    let style: OutputStyle

    /// States that mean a phase 1 SA is up.
    static let healthyPhase1States: Set<String> = ["QM_IDLE", "MM_ACTIVE", "AM_ACTIVE", "READY", "UP-ACTIVE"]

    func render(_ report: AnalysisReport) -> String {
        var parts: [String] = []
        if !report.isakmpSummary.isEmpty {
            var t = TextTable(["IKE", "TOTAL", "EMBRYONIC", "ACTIVE", "REKEY"])
            for s in report.isakmpSummary {
                t.add([s.ikeVersion.map { "v\($0)" }, s.total.map(String.init) ?? s.totalIkeSA.map(String.init),
                       s.embryonic.map(String.init), s.activeSA.map(String.init), s.rekeySA.map(String.init)])
            }
            parts.append(section("ISAKMP summary", t))
        }
        if !report.isakmpSas.isEmpty {
            var t = TextTable(["PEER/DST", "SRC", "STATE", "CONN-ID", "STATUS", "ROLE", "LINE"])
            for sa in report.isakmpSas {
                t.add([sa.peer ?? sa.dst ?? sa.remote, sa.src ?? sa.local, stateCell(sa.state), sa.connId.map(String.init),
                       sa.status, sa.role, sa.line.map(String.init)])
            }
            parts.append(section("Phase 1: ISAKMP SAs", t))
        }
        if !report.ikev2Sas.isEmpty {
            var t = TextTable(["TUNNEL", "LOCAL", "REMOTE", "STATUS", "ENCR", "HASH", "DH", "LIFE/ACTIVE"])
            for sa in report.ikev2Sas {
                t.add([sa.tunnelId.map(String.init), endpoint(sa.local, sa.localPort), endpoint(sa.remote, sa.remotePort),
                       stateCell(sa.status), sa.encryption, sa.hash, sa.dhGroup.map(String.init),
                       "\(sa.lifetime.map(String.init) ?? "-")/\(sa.activeTime.map(String.init) ?? "-")"])
            }
            parts.append(section("Phase 1: IKEv2 SAs", t))
        }
        if !report.ipsecSas.isEmpty {
            var t = TextTable(["INTERFACE", "MAP", "PEER", "LOCAL NET", "REMOTE NET", "ENCAPS", "DECAPS", "ERR S/R", "SAS", "OUT SPI"])
            for f in report.ipsecSas {
                let map = [f.cryptoMap, f.seqNum.map(String.init)].compactMap { $0 }.joined(separator: " ")
                let errors = "\(f.counters.sendErrors.map(String.init) ?? "-")/\(f.counters.recvErrors.map(String.init) ?? "-")"
                t.add([f.interface, map.isEmpty ? nil : map, f.peer, ident(f.localIdent), ident(f.remoteIdent),
                       f.counters.pktsEncaps.map(String.init), f.counters.pktsDecaps.map(String.init), errors,
                       String(f.sas.count), f.currentOutboundSpi.map { "0x" + String($0, radix: 16, uppercase: true) }])
            }
            parts.append(section("Phase 2: IPsec SAs", t))
        }
        if !report.engineConnections.isEmpty {
            var t = TextTable(["ID", "TYPE/INTERFACE", "ADDRESS", "STATE", "ALGORITHM", "ENCRYPT", "DECRYPT"])
            for c in report.engineConnections {
                t.add([c.connId.map(String.init), c.type ?? c.interface, c.ipAddress, c.state, c.algorithm,
                       c.encrypt.map(String.init), c.decrypt.map(String.init)])
            }
            parts.append(section("Crypto engine connections", t))
        }
        if !report.cryptoSessions.isEmpty {
            var t = TextTable(["INTERFACE", "PEER", "STATUS", "IKE SAS", "FLOWS", "FVRF/IVRF"])
            for s in report.cryptoSessions {
                t.add([s.interface, endpoint(s.peer, s.peerPort), stateCell(s.status), String(s.ikeSas.count),
                       String(s.ipsecFlows.count), "\(s.fvrf ?? "-")/\(s.ivrf ?? "-")"])
            }
            parts.append(section("Crypto sessions", t))
        }
        if !report.findings.isEmpty {
            parts.append(renderFindings(report.findings))
        } else if !report.isEmpty || !report.sections.isEmpty {
            parts.append(style.good("No problem found") + ": no known error signature in the debug/syslog lines and no failing state in the tables.")
        }
        if report.isEmpty && report.findings.isEmpty {
            parts.append("No show command output was recognised. Give --command (and --platform) for bare output, or check that the file holds show crypto output.")
        }
        if !report.warnings.isEmpty {
            parts.append(style.title("Warnings") + "\n" + report.warnings.map { style.warn("  " + $0.description) }.joined(separator: "\n"))
        }
        if !report.sections.isEmpty {
            var t = TextTable(["COMMAND", "PLATFORM", "LINES"])
            for s in report.sections {
                t.add([s.typed ?? s.command, s.platform?.rawValue, (s.file.map { "\($0):" } ?? "") + "\(s.firstLine)-\(s.lastLine)"])
            }
            parts.append(section("Sections read", t))
        }
        return parts.joined(separator: "\n\n")
    }

    /// Findings with their explanation, most severe first: what it is, where the evidence
    /// is, why it happens and what to type.
    private func renderFindings(_ findings: [Finding]) -> String {
        var out = [style.title("Findings (\(findings.count))")]
        for (n, f) in findings.enumerated() {
            let sev = f.severity == .critical || f.severity == .error ? style.bad(f.severity.rawValue.uppercased()) : style.warn(f.severity.rawValue.uppercased())
            var head = "\(n + 1). [\(sev)] \(f.id): \(f.title)"
            if let peer = f.peer { head += "  peer \(peer)" }
            out.append(head)
            var facts: [String] = []
            if f.count > 1 { facts.append("seen \(f.count) times") }
            if !f.evidence.isEmpty {
                facts.append("evidence at line\(f.evidence.count == 1 ? "" : "s") " + (f.file.map { "\($0):" } ?? "") + f.evidence.map(String.init).joined(separator: ", "))
            }
            let captures = f.captures.filter { $0.key != "peer" }.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
            if !captures.isEmpty { facts.append(captures.joined(separator: " ")) }
            if !facts.isEmpty { out.append("   " + facts.joined(separator: "; ")) }
            if !f.causes.isEmpty {
                out.append("   Likely causes:")
                out += f.causes.map { "     - " + $0 }
            }
            if !f.fixes.isEmpty {
                out.append("   Fix:")
                for (i, step) in f.fixes.enumerated() {
                    out.append("     \(i + 1). \(step.text)")
                    for (label, commands) in [("check", step.verify), ("change", step.fix)] {
                        guard let commands else { continue }
                        if let ios = commands.ios, !ios.isEmpty { out.append("        \(label) (IOS): " + ios.joined(separator: " ; ")) }
                        if let asa = commands.asa, !asa.isEmpty { out.append("        \(label) (ASA): " + asa.joined(separator: " ; ")) }
                    }
                }
            }
            if !f.related.isEmpty { out.append("   See also: " + f.related.joined(separator: ", ")) }
        }
        return out.joined(separator: "\n")
    }

    private func section(_ title: String, _ table: TextTable) -> String {
        style.title(title) + "\n" + table.render(style: style)
    }

    private func stateCell(_ state: String?) -> String? {
        guard let state else { return nil }
        return Self.healthyPhase1States.contains(state.uppercased()) ? state : "! " + state
    }

    private func endpoint(_ address: String?, _ port: Int?) -> String? {
        guard let address else { return nil }
        return port.map { "\(address):\($0)" } ?? address
    }

    private func ident(_ i: IpsecIdentity?) -> String? {
        guard let i else { return nil }
        var s = "\(i.addr)/\(i.mask)"
        if i.prot != 0 || i.port != 0 { s += " p\(i.prot):\(i.port)" }
        return s
    }
}
