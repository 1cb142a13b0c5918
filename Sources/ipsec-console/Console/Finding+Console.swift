import ConsoleUI
import Foundation
import IPsecKit

extension Finding {
    /// What the Findings pane shows of this finding, with the catalog entry's explanation.
    func item(catalog: SignatureCatalog, platform: Platform?, lastSeen: Date?) -> FindingItem {
        let entry = catalog[id]
        return FindingItem(id: id + "|" + (peer ?? ""), signatureId: id, title: title, severity: severity,
                           summary: entry?.summary ?? "", peer: peer, count: count, lastSeen: lastSeen,
                           causes: causes.isEmpty ? entry?.causes ?? [] : causes,
                           fixes: fixes.isEmpty ? entry?.fixes ?? [] : fixes,
                           evidenceLines: evidence, confirm: entry?.confirm ?? PlatformCommands(), platform: platform)
    }
}
