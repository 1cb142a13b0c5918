/// Reads the crypto-relevant parts of `show running-config` (IOS/IOS-XE, PIX 6, ASA 7+).
///
/// Configurations are small (kilobytes), so this works on decoded lines. Indented lines
/// belong to the last top-level command (`crypto map X 10 ipsec-isakmp`, `interface X`,
/// `crypto isakmp policy 10`, ...). Anything not crypto-relevant is skipped.
public struct RunningConfigParser {
    public private(set) var config = CryptoConfig()
    public private(set) var warnings: [ParseWarning] = []

    private enum Context {
        case none
        case isakmpPolicy(Int)
        case cryptoMap(Int)
        case interface(Int)
        case namedACL(String)
        case clientGroup(Int)
        case tunnelGroupIPsec(String)
        case groupPolicy(String)
        case keyring
        case transformSet(Int)
        case routeMap(name: String, permit: Bool)
        case object(String)
    }

    private var context = Context.none
    /// IOS `route-map NAME permit N` / `match ip address ACL`, for NAT exemption.
    private var routeMapACLs: [String: [(permit: Bool, acl: String)]] = [:]
    private var natSources: [(kind: NatExemption.Kind, name: String, line: Int)] = []
    private var objects: [String: AddressMatch] = [:]

    public init(platform: Platform? = nil) {
        config.platform = platform
    }

    /// Parses a whole configuration.
    public static func parse(_ text: String, platform: Platform? = nil) -> (config: CryptoConfig, warnings: [ParseWarning]) {
        var parser = RunningConfigParser(platform: platform ?? Self.guessPlatform(text))
        for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            parser.consume(String(line), number: i + 1)
        }
        return (parser.finish(), parser.warnings)
    }

    /// ASA/PIX configurations name their interfaces (`nameif`) and use masks in ACLs.
    public static func guessPlatform(_ text: String) -> Platform {
        let asaMarkers = ["nameif ", "tunnel-group ", "ASA Version", "PIX Version", "nat (", "crypto map ", "sysopt connection"]
        let iosMarkers = ["ip address ", "crypto isakmp key ", "ip access-list ", "ip route "]
        let asaScore = asaMarkers.filter { text.contains($0) }.count - (text.contains("crypto map ") && text.contains(" ipsec-isakmp") ? 2 : 0)
        let iosScore = iosMarkers.filter { text.contains($0) }.count + (text.contains("ip nat inside") ? 1 : 0)
        return asaScore > iosScore ? .asa : .ios
    }

    public mutating func consume(_ raw: String, number: Int) {
        let line = raw.hasSuffix("\r") ? String(raw.dropLast()) : raw
        guard !line.trimmingSpaces.isEmpty, !line.hasPrefix("!"), !line.trimmingSpaces.hasPrefix("!") else {
            if line.hasPrefix("!") { context = .none }
            return
        }
        let indented = line.first == " " || line.first == "\t"
        let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        if indented {
            consumeSubcommand(words, number: number)
        } else {
            context = .none
            consumeTopLevel(words, line: line, number: number)
        }
    }

    public mutating func finish() -> CryptoConfig {
        for source in natSources {
            var exemption = NatExemption(kind: source.kind)
            exemption.line = source.line
            switch source.kind {
            case .routeMapDeny:
                // The route-map's permit entries name the ACL whose deny lines exempt VPN traffic.
                guard let acl = routeMapACLs[source.name]?.first(where: { $0.permit })?.acl else { continue }
                exemption.accessList = acl
            case .aclDeny:
                exemption.accessList = source.name
            case .natZero, .twiceNat:
                continue
            }
            if let acl = exemption.accessList.flatMap(config.accessList(named:)),
               acl.entries.contains(where: { $0.action == "deny" }) {
                config.natExemptions.append(exemption)
            }
        }
        natSources.removeAll()
        return config
    }

    // MARK: top level

    private mutating func consumeTopLevel(_ w: [String], line: String, number: Int) {
        guard let first = w.first else { return }
        switch first {
        case "hostname" where w.count >= 2:
            config.hostname = w[1]
        case "crypto":
            consumeCrypto(Array(w.dropFirst()), number: number)
        case "isakmp":
            consumePIXIsakmp(Array(w.dropFirst()), number: number)
        case "interface" where w.count >= 2:
            var i = InterfaceConfig(name: w[1...].joined(separator: " "))
            i.line = number
            config.interfaces.append(i)
            context = .interface(config.interfaces.count - 1)
        case "access-list" where w.count >= 3:
            consumeNumberedACL(w, line: line, number: number)
        case "ip":
            consumeIP(w, line: line, number: number)
        case "nat" where w.count >= 3:
            consumeASANat(w, number: number)
        case "tunnel-group" where w.count >= 3:
            if w[2] == "ipsec-attributes" { context = .tunnelGroupIPsec(w[1]) }
        case "group-policy" where w.count >= 3 && w[2] == "attributes":
            context = .groupPolicy(w[1])
        case "sysopt" where w.count >= 3 && w[1] == "connection" && (w[2] == "permit-ipsec" || w[2] == "permit-vpn"):
            config.sysoptPermitIPsec = true
        case "no" where w.count >= 4 && w[1] == "sysopt" && w[2] == "connection" && (w[3] == "permit-ipsec" || w[3] == "permit-vpn"):
            config.sysoptPermitIPsec = false
        case "vpngroup" where w.count >= 4 && w[2] == "split-tunnel":
            var s = SplitTunnel(group: w[1], accessList: w[3]); s.line = number
            config.splitTunnels.append(s)
        case "route" where w.count >= 5:
            var r = StaticRoute(network: w[2], mask: w[3]); r.interface = w[1]; r.nextHop = w[4]; r.line = number
            config.routes.append(r)
        case "nameif" where w.count >= 3:
            // PIX 6: `nameif ethernet0 outside security0`
            if let i = config.interfaces.firstIndex(where: { $0.name == w[1] }) { config.interfaces[i].nameif = w[2] }
            else { var i = InterfaceConfig(name: w[1]); i.nameif = w[2]; i.line = number; config.interfaces.append(i) }
        case "route-map" where w.count >= 3:
            context = .routeMap(name: w[1], permit: w[2] == "permit")
        case "object" where w.count >= 3 && w[1] == "network":
            context = .object(w[2])
        default:
            break
        }
    }

    private mutating func consumeCrypto(_ w: [String], number: Int) {
        guard let head = w.first else { return }
        switch head {
        case "isakmp", "ikev1", "ikev2":
            consumeCryptoIsakmp(w, number: number)
        case "ipsec" where w.count >= 3 && (w[1] == "transform-set" || (w[1] == "ikev1" && w.count >= 4 && w[2] == "transform-set")):
            let offset = w[1] == "transform-set" ? 2 : 3
            guard w.count > offset else { return }
            var ts = TransformSet(name: w[offset], transforms: Self.normaliseTransforms(Array(w[(offset + 1)...])))
            ts.line = number
            config.transformSets.append(ts)
            context = .transformSet(config.transformSets.count - 1)
        case "map" where w.count >= 3:
            consumeCryptoMap(Array(w.dropFirst()), number: number)
        case "keyring":
            context = .keyring
        default:
            break
        }
    }

    private mutating func consumeCryptoIsakmp(_ w: [String], number: Int) {
        let version = w[0] == "ikev2" ? 2 : 1
        guard w.count >= 2 else { return }
        switch w[1] {
        case "policy" where w.count >= 3:
            guard let priority = Int(w[2]) else { return warn(number, "ISAKMP policy priority \(w[2]) is not a number") }
            var p = IsakmpPolicy(priority: priority); p.ikeVersion = version; p.line = number
            config.isakmpPolicies.append(p)
            context = .isakmpPolicy(config.isakmpPolicies.count - 1)
        case "key" where w.count >= 4:
            // crypto isakmp key [0|6] KEY address IP [MASK] [no-xauth]
            var rest = Array(w.dropFirst(2))
            if rest.count >= 2, rest[0] == "0" || rest[0] == "6", rest[1] != "address" { rest.removeFirst() }
            guard rest.count >= 3, rest[1] == "address" || rest[1] == "hostname" else { return warn(number, "crypto isakmp key without an address") }
            var key = PreSharedKey(address: rest[2], digest: Self.digest(rest[0]))
            if rest.count >= 4, IPv4Address(rest[3]) != nil { key.mask = rest[3] }
            key.line = number
            config.preSharedKeys.append(key)
        case "client" where w.count >= 5 && w[2] == "configuration" && w[3] == "group":
            var g = ClientGroup(name: w[4]); g.line = number
            config.clientGroups.append(g)
            context = .clientGroup(config.clientGroups.count - 1)
        case "enable" where w.count >= 3:
            config.isakmpEnabledInterfaces.append(w[2])
        default:
            break
        }
    }

    /// PIX 6 one-line ISAKMP syntax: `isakmp policy 10 encryption 3des`, `isakmp key K address A netmask M`.
    private mutating func consumePIXIsakmp(_ w: [String], number: Int) {
        guard w.count >= 2 else { return }
        switch w[0] {
        case "policy" where w.count >= 3:
            guard let priority = Int(w[1]) else { return }
            let index: Int
            if let i = config.isakmpPolicies.firstIndex(where: { $0.priority == priority }) { index = i }
            else { var p = IsakmpPolicy(priority: priority); p.line = number; config.isakmpPolicies.append(p); index = config.isakmpPolicies.count - 1 }
            applyPolicyAttribute(Array(w.dropFirst(2)), to: index)
        case "key" where w.count >= 4 && w[2] == "address":
            var key = PreSharedKey(address: w[3], digest: Self.digest(w[1]))
            if w.count >= 6, w[4] == "netmask" { key.mask = w[5] }
            key.line = number
            config.preSharedKeys.append(key)
        case "enable":
            config.isakmpEnabledInterfaces.append(w[1])
        default:
            break
        }
    }

    private mutating func consumeCryptoMap(_ w: [String], number: Int) {
        let name = w[0]
        if w[1] == "local-address", w.count >= 3 {
            config.cryptoMapLocalAddress[name] = w[2]
            return
        }
        if w[1] == "interface", w.count >= 3 {
            // ASA: crypto map NAME interface NAMEIF
            if let i = config.interfaces.firstIndex(where: { $0.nameif == w[2] || $0.name == w[2] }) {
                config.interfaces[i].cryptoMap = name
            } else {
                var i = InterfaceConfig(name: w[2]); i.nameif = w[2]; i.cryptoMap = name; i.line = number
                config.interfaces.append(i)
            }
            return
        }
        guard let seq = Int(w[1]) else { return }
        let index = mapEntryIndex(name, seq, number: number)
        let rest = Array(w.dropFirst(2))
        guard let verb = rest.first else { return }
        switch verb {
        case "ipsec-isakmp":
            if rest.count >= 3, rest[1] == "dynamic" { config.cryptoMaps[index].dynamic = true; config.cryptoMaps[index].dynamicMapName = rest[2] }
            context = .cryptoMap(index)
        case "match" where rest.count >= 3 && rest[1] == "address":
            config.cryptoMaps[index].matchAddress = rest[2]
        case "set":
            applyMapSet(Array(rest.dropFirst()), to: index)
        default:
            break
        }
    }

    private mutating func mapEntryIndex(_ name: String, _ seq: Int, number: Int) -> Int {
        if let i = config.cryptoMaps.firstIndex(where: { $0.map == name && $0.sequence == seq }) { return i }
        var e = CryptoMapEntry(map: name, sequence: seq); e.line = number
        config.cryptoMaps.append(e)
        return config.cryptoMaps.count - 1
    }

    private mutating func applyMapSet(_ w: [String], to index: Int) {
        guard let what = w.first else { return }
        switch what {
        case "peer":
            config.cryptoMaps[index].peers += w.dropFirst().filter { IPv4Address($0) != nil || $0.contains(":") }
        case "transform-set":
            config.cryptoMaps[index].transformSets = Array(w.dropFirst())
        case "ikev1" where w.count >= 3 && w[1] == "transform-set":
            config.cryptoMaps[index].transformSets = Array(w.dropFirst(2))
        case "pfs":
            config.cryptoMaps[index].pfs = w.count >= 2 ? w[1] : "group1"
        case "security-association" where w.count >= 4 && w[1] == "lifetime":
            if w[2] == "seconds" { config.cryptoMaps[index].lifetimeSeconds = Int(w[3]) }
            if w[2] == "kilobytes" { config.cryptoMaps[index].lifetimeKilobytes = Int(w[3]) }
        default:
            break
        }
    }

    private mutating func consumeNumberedACL(_ w: [String], line: String, number: Int) {
        // IOS: access-list 101 permit ip SRC DST; PIX/ASA: access-list NAME [extended] permit ip SRC DST
        var rest = Array(w.dropFirst(2))
        if rest.first == "extended" { rest.removeFirst() }
        if rest.first == "line", rest.count >= 2 { rest.removeFirst(2) }
        if rest.first == "remark" { return }
        if rest.first == "standard" {
            // ASA standard ACLs (split tunnel lists) name one network: read it as the source, to anywhere.
            rest.removeFirst()
            guard rest.count >= 2 else { return }
            rest = [rest[0], "ip"] + rest.dropFirst() + ["any"]
        }
        addACLEntry(name: w[1], words: rest, text: line, number: number)
    }

    private mutating func addACLEntry(name: String, words: [String], text: String, number: Int) {
        guard words.count >= 2, words[0] == "permit" || words[0] == "deny" else { return }
        let usesWildcards = config.platform != .asa
        var i = 2
        guard let source = readAddress(words, &i, wildcard: usesWildcards) else {
            return warn(number, "cannot read the source of access-list \(name) entry: \(text.trimmingSpaces)")
        }
        skipPort(words, &i)
        guard let destination = readAddress(words, &i, wildcard: usesWildcards) else {
            return warn(number, "cannot read the destination of access-list \(name) entry: \(text.trimmingSpaces)")
        }
        var entry = AccessListEntry(action: words[0], protocol: words[1], source: source, destination: destination, text: text.trimmingSpaces)
        entry.line = number
        if let index = config.accessLists.firstIndex(where: { $0.name == name }) {
            config.accessLists[index].entries.append(entry)
        } else {
            var acl = AccessList(name: name); acl.entries.append(entry)
            config.accessLists.append(acl)
        }
    }

    private func readAddress(_ w: [String], _ i: inout Int, wildcard: Bool) -> AddressMatch? {
        guard i < w.count else { return nil }
        switch w[i] {
        case "any", "any4":
            i += 1; return .any
        case "host":
            guard i + 1 < w.count else { return nil }
            i += 2; return AddressMatch(address: w[i - 1], mask: "255.255.255.255")
        case "object", "object-group":
            guard i + 1 < w.count else { return nil }
            i += 2
            return objects[w[i - 1]] ?? AddressMatch(address: "0.0.0.0", mask: "0.0.0.0", object: w[i - 1])
        default:
            guard IPv4Address(w[i]) != nil else { return nil }
            guard i + 1 < w.count, let m = IPv4Address(w[i + 1]) else {
                // IOS standard-style single address means a host.
                i += 1; return AddressMatch(address: w[i - 1], mask: "255.255.255.255")
            }
            i += 2
            // IOS uses wildcards; a value that is a valid subnet mask but not a wildcard
            // (255.255.255.0) is read as a mask, as some configurations are written that way.
            let mask = wildcard && !(m.isContiguousMask && m.value & 0x8000_0000 != 0) ? m.invertedMask : m
            return AddressMatch(address: w[i - 2], mask: mask.description)
        }
    }

    private func skipPort(_ w: [String], _ i: inout Int) {
        guard i < w.count else { return }
        switch w[i] {
        case "eq", "neq", "lt", "gt": i += 2
        case "range": i += 3
        default: break
        }
    }

    private mutating func consumeIP(_ w: [String], line: String, number: Int) {
        guard w.count >= 3 else { return }
        switch w[1] {
        case "access-list" where w.count >= 4 && (w[2] == "extended" || w[2] == "standard"):
            context = .namedACL(w[3])
        case "route" where w.count >= 5:
            var r = StaticRoute(network: w[2], mask: w[3])
            if IPv4Address(w[4]) != nil { r.nextHop = w[4] } else { r.interface = w[4]; r.nextHop = w.count >= 6 && IPv4Address(w[5]) != nil ? w[5] : nil }
            r.line = number
            config.routes.append(r)
        case "address" where w.count >= 5 && IPv4Address(w[3]) != nil:
            // PIX 6: ip address outside 10.1.1.1 255.255.255.0
            if let i = config.interfaces.firstIndex(where: { $0.nameif == w[2] }) {
                config.interfaces[i].address = w[3]; config.interfaces[i].mask = w[4]
            } else {
                var i = InterfaceConfig(name: w[2]); i.nameif = w[2]; i.address = w[3]; i.mask = w[4]; i.line = number
                config.interfaces.append(i)
            }
        case "nat" where w.count >= 6 && w[2] == "inside" && w[3] == "source":
            if w[4] == "route-map" { natSources.append((.routeMapDeny, w[5], number)) }
            if w[4] == "list" { natSources.append((.aclDeny, w[5], number)) }
        case "local" where w.count >= 5 && w[2] == "pool":
            config.localPools[w[3]] = w[4]
        default:
            break
        }
    }

    private mutating func consumeASANat(_ w: [String], number: Int) {
        // nat (inside) 0 access-list NONAT
        if w.count >= 5, w[2] == "0", w[3] == "access-list" {
            var e = NatExemption(kind: .natZero); e.accessList = w[4]; e.line = number
            config.natExemptions.append(e)
            return
        }
        // nat (inside,outside) source static A A destination static B B [no-proxy-arp] [route-lookup]
        if let s = w.firstIndex(of: "source"), s + 3 < w.count, w[s + 1] == "static", w[s + 2] == w[s + 3],
           let d = w.firstIndex(of: "destination"), d + 3 < w.count, w[d + 1] == "static", w[d + 2] == w[d + 3] {
            var e = NatExemption(kind: .twiceNat); e.sourceObject = w[s + 2]; e.destinationObject = w[d + 2]; e.line = number
            e.sourceNetwork = objects[w[s + 2]]
            e.destinationNetwork = objects[w[d + 2]]
            config.natExemptions.append(e)
            return
        }
        config.translatesAddresses = true
    }

    // MARK: sub-commands

    private mutating func consumeSubcommand(_ w: [String], number: Int) {
        guard let first = w.first else { return }
        switch context {
        case .isakmpPolicy(let index):
            applyPolicyAttribute(w, to: index)
        case .cryptoMap(let index):
            if first == "set" { applyMapSet(Array(w.dropFirst()), to: index) }
            if first == "match", w.count >= 3, w[1] == "address" { config.cryptoMaps[index].matchAddress = w[2] }
        case .interface(let index):
            applyInterfaceAttribute(w, to: index)
        case .namedACL(let name):
            addACLEntry(name: name, words: w, text: w.joined(separator: " "), number: number)
        case .clientGroup(let index):
            if first == "acl", w.count >= 2 { config.clientGroups[index].splitTunnelACL = w[1] }
            if first == "pool", w.count >= 2 { config.clientGroups[index].pool = w[1] }
            if first == "key" { config.clientGroups[index].hasKey = true }
        case .tunnelGroupIPsec(let group):
            var keyWords = w
            if keyWords.first == "ikev1" { keyWords.removeFirst() }
            if keyWords.first == "pre-shared-key", keyWords.count >= 2 {
                var key = PreSharedKey(address: group, digest: Self.digest(keyWords[1]))
                key.line = number
                config.preSharedKeys.append(key)
            }
        case .groupPolicy(let group):
            if first == "split-tunnel-network-list", w.count >= 3, w[1] == "value" {
                var s = SplitTunnel(group: group, accessList: w[2]); s.line = number
                config.splitTunnels.append(s)
            }
            if first == "split-tunnel-policy", w.count >= 2, w[1] == "tunnelall" { config.tunnelAllGroups.append(group) }
        case .keyring:
            // pre-shared-key address 10.0.0.2 [mask] key KEY
            if first == "pre-shared-key", w.count >= 5, w[1] == "address", let k = w.firstIndex(of: "key"), k + 1 < w.count {
                var key = PreSharedKey(address: w[2], digest: Self.digest(w[k + 1]))
                if k == 4, IPv4Address(w[3]) != nil { key.mask = w[3] }
                key.line = number
                config.preSharedKeys.append(key)
            }
        case .transformSet(let index):
            if first == "mode", w.count >= 2 { config.transformSets[index].mode = w[1] }
        case .routeMap(let name, let permit):
            if first == "match", w.count >= 4, w[1] == "ip", w[2] == "address" {
                routeMapACLs[name, default: []].append((permit, w[3]))
            }
        case .object(let name):
            if first == "subnet", w.count >= 3 { objects[name] = AddressMatch(address: w[1], mask: w[2]) }
            if first == "host", w.count >= 2 { objects[name] = AddressMatch(address: w[1], mask: "255.255.255.255") }
            // Object NAT (`nat (inside,outside) dynamic interface`) translates the object's traffic.
            if first == "nat", w.count >= 3 { config.translatesAddresses = true }
        case .none:
            break
        }
    }

    private mutating func applyPolicyAttribute(_ w: [String], to index: Int) {
        guard let first = w.first, w.count >= 2 else { return }
        switch first {
        case "encr", "encryption":
            let bits = w.count >= 3 ? w[2] : nil
            config.isakmpPolicies[index].encryption = Self.normaliseCipher(w[1], bits: bits)
        case "hash":
            config.isakmpPolicies[index].hash = w[1].lowercased()
        case "authentication":
            config.isakmpPolicies[index].authentication = w[1].lowercased()
        case "group":
            config.isakmpPolicies[index].group = Int(w[1])
        case "lifetime":
            config.isakmpPolicies[index].lifetime = Int(w[1])
        default:
            break
        }
    }

    private mutating func applyInterfaceAttribute(_ w: [String], to index: Int) {
        guard let first = w.first else { return }
        switch first {
        case "nameif" where w.count >= 2:
            config.interfaces[index].nameif = w[1]
        case "ip" where w.count >= 4 && w[1] == "address" && IPv4Address(w[2]) != nil:
            config.interfaces[index].address = w[2]; config.interfaces[index].mask = w[3]
        case "ip" where w.count >= 3 && w[1] == "mtu":
            config.interfaces[index].ipMtu = Int(w[2])
        case "ip" where w.count >= 4 && w[1] == "tcp" && w[2] == "adjust-mss":
            config.interfaces[index].tcpAdjustMss = Int(w[3])
        case "ip" where w.count >= 3 && w[1] == "nat":
            config.interfaces[index].natRole = w[2]
        case "mtu" where w.count >= 2:
            config.interfaces[index].mtu = Int(w[1])
        case "crypto" where w.count >= 3 && w[1] == "map":
            config.interfaces[index].cryptoMap = w[2]
        case "shutdown":
            config.interfaces[index].shutdown = true
        default:
            break
        }
    }

    private mutating func warn(_ line: Int, _ message: String) {
        warnings.append(ParseWarning(line: line, message: message))
    }

    // MARK: normalisation

    /// `aes 256` -> `aes-256`, `3des` -> `3des`, ASA `aes-256` stays.
    static func normaliseCipher(_ name: String, bits: String?) -> String {
        let n = name.lowercased()
        if n == "aes", let bits, ["128", "192", "256"].contains(bits) { return bits == "128" ? "aes" : "aes-\(bits)" }
        if n == "aes-128" { return "aes" }
        return n
    }

    /// IOS-XE writes `esp-aes 256`; ASA writes `esp-aes-256`. Both become `esp-aes-256`.
    static func normaliseTransforms(_ words: [String]) -> [String] {
        var out: [String] = []
        for w in words.map({ $0.lowercased() }) {
            if ["128", "192", "256"].contains(w), let last = out.last, last.hasPrefix("esp-aes") {
                out[out.count - 1] = w == "128" ? last : "\(last)-\(w)"
            } else if w != "mode" && w != "tunnel" && w != "transport" {
                out.append(w)
            }
        }
        return out
    }

    /// FNV-1a: enough to tell two keys apart without keeping or showing either.
    static func digest(_ key: String) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in key.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return h
    }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" || l == "\r" { s = s.dropLast() }
        return String(s)
    }
}
