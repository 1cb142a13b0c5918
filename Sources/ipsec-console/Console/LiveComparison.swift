import ConsoleUI
import DeviceSession
import Foundation
import IPsecKit

/// `:compare OTHER` in the live console: this device's running-config (fetched over the
/// console's own session by the caller), the other end's from a saved file or a second,
/// short-lived session on its own thread, then `ConfigComparison` and the pane's content.
enum LiveComparison {
    /// Runs the other side and the comparison off the session thread; answers with
    /// `.comparison` or `.comparisonFailed` (which end, what went wrong, what to do).
    static func start(ownText: String, ownSource: String, other: String, base: ManagedSession.Configuration,
                      credentials: StaticCredentials, catalog: SignatureCatalog, platform: Platform?,
                      post: @escaping @Sendable (ConsoleMsg) -> Void) {
        let side: ComparisonSide
        do {
            side = try ComparisonSide.resolve(other)
        } catch {
            post(.comparisonFailed(ComparisonAdvice.badArgument(other, problem: error.description)))
            return
        }
        let ownConfig: CryptoConfig
        do {
            ownConfig = try RunningConfigSource.parse(ownText, from: "this device")
        } catch {
            post(.comparisonFailed(ComparisonAdvice.noCryptoConfiguration(.own, source: ownSource, problem: error.description)))
            return
        }
        var job: (ManagedSession.Configuration, StaticCredentials)?
        if case .device(let target) = side {
            var configuration = base
            configuration.target = target
            // The second session writes no transcript and feeds nothing into this console's stream.
            configuration.driver.transcript = nil
            configuration.driver.onAsynchronous = { _ in }
            var user = credentials.username
            if case let .ssh(u, _, _) = target, let u { user = u }
            job = (configuration, StaticCredentials(username: user, password: credentials.password, enableSecret: credentials.enableSecret,
                                                    keyPassphrase: credentials.keyPassphrase,
                                                    acceptedFingerprints: credentials.acceptedFingerprints,
                                                    acceptNewHostKeys: credentials.acceptNewHostKeys))
        }
        let work = OtherSide(side: side, job: job)
        let thread = Thread {
            let name = work.side.name
            let text: String
            do {
                switch work.side {
                case .file(let path): text = try RunningConfigSource.read(file: path)
                case .device:
                    guard let (configuration, credentials) = work.job else { return }
                    text = try RunningConfigSource.fetch(configuration: configuration, credentials: credentials) { _ in }
                }
            } catch let error as RunningConfigSource.Failure {
                post(.comparisonFailed(ComparisonAdvice.unreadableFile(name, problem: error.description)))
                return
            } catch {
                post(.comparisonFailed(ComparisonAdvice.sessionFailed(.other, source: name, error: error)))
                return
            }
            do {
                let otherConfig = try RunningConfigSource.parse(text, from: name)
                post(.comparison(pane(own: ownConfig, ownSource: ownSource, other: otherConfig, otherSource: name,
                                      catalog: catalog, platform: platform)))
            } catch {
                post(.comparisonFailed(ComparisonAdvice.noCryptoConfiguration(.other, source: name, problem: "\(error)")))
            }
        }
        thread.name = "compare"
        thread.start()
    }

    static func pane(own: CryptoConfig, ownSource: String, other: CryptoConfig, otherSource: String,
                     catalog: SignatureCatalog, platform: Platform?) -> ComparisonPane {
        let labelA = own.hostname ?? "this device", labelB = other.hostname ?? "other end"
        let result = ConfigComparison.compare(own, other, labelA: labelA, labelB: labelB == labelA ? labelB + "'" : labelB)
        var explanations: [String: FindingItem] = [:]
        for id in Set(result.mismatches.map(\.signature)) {
            guard let entry = catalog[id] else { continue }
            let finding = Finding(id: id, title: entry.title, severity: entry.severity, phase: entry.phase, peer: nil, count: 1,
                                  firstLine: nil, lastLine: nil, evidence: [], confidence: 1)
            explanations[id] = finding.item(catalog: catalog, platform: platform, lastSeen: nil)
        }
        return ComparisonPane(sourceA: ownSource, sourceB: otherSource, configA: own, configB: other,
                              result: result, explanations: explanations)
    }
}

/// The other side's job, handed to exactly one thread.
private struct OtherSide: @unchecked Sendable {
    let side: ComparisonSide
    let job: (ManagedSession.Configuration, StaticCredentials)?
}
