import ConsoleUI
import Testing

@Suite struct CommandInterpreterTests {
    @Test(arguments: [
        ("debug on isakmp", ConsoleCommand.debugOn([.isakmp])),
        ("debug on ipsec isakmp ipsec", .debugOn([.isakmp, .ipsec])),
        ("deb on all", .debugOn([.isakmp, .ipsec, .ikev2, .engine])),
        ("debug off", .debugOff),
        ("peer 192.0.2.1", .peer("192.0.2.1")),
        ("peer 2001:db8::1", .peer("2001:db8::1")),
        ("peer", .peer(nil)),
        ("poll 5s", .poll(5)),
        ("poll 1500ms", .poll(1.5)),
        ("poll 2m", .poll(120)),
        ("poll 30", .poll(30)),
        ("theme solarized-dark", .theme("solarized-dark")),
        ("th light", .theme("light")),
        ("exec show crypto isakmp sa", .exec("show crypto isakmp sa")),
        ("log /tmp/debug.log", .log("/tmp/debug.log")),
        ("export out.json", .export("out.json")),
        ("walk phase1-down", .walk("phase1-down", peer: nil)),
        ("walk mtu 10.1.0.2", .walk("mtu", peer: "10.1.0.2")),
        ("help", .help),
        ("  quit  ", .quit),
    ])
    func parses(_ line: String, _ expected: ConsoleCommand) throws {
        #expect(try CommandInterpreter.parse(line).get() == expected)
    }

    @Test(arguments: [
        ("", "type a command"),
        ("frobnicate", "unknown command"),
        ("debug", "usage: debug on"),
        ("debug on", "say which debugs"),
        ("debug on isakmp bogus", "bogus is not a debug"),
        ("debug off now", "takes no further words"),
        ("debug maybe", "debug on ... or debug off"),
        ("peer 300.1.1.1", "not an IPv4 or IPv6 address"),
        ("peer a b", "usage: peer IP"),
        ("poll fast", "usage: poll"),
        ("poll 100ms", "between 1s and 60m"),
        ("theme", "usage: theme NAME"),
        ("exec", "usage: exec COMMAND"),
        ("log", "usage: log FILE"),
        ("walk tunnel-down 10.1.0.2 extra", "usage: walk [NAME [PEER]]"),
    ])
    func rejectsWithAReason(_ line: String, _ fragment: String) {
        switch CommandInterpreter.parse(line) {
        case .success(let command): Issue.record("\(line) parsed as \(command)")
        case .failure(let error): #expect(error.message.contains(fragment), "\(error.message)")
        }
    }

    @Test func completesCommandsArgumentsAndThemes() {
        let themes = ["default", "light", "mono"]
        #expect(CommandCompleter.complete("de", themes: themes) == .init(text: "debug ", candidates: []))
        #expect(CommandCompleter.complete("e", themes: themes) == .init(text: "ex", candidates: ["exec", "export"]))
        #expect(CommandCompleter.complete("ex", themes: themes).text == "ex")
        #expect(CommandCompleter.complete("exp", themes: themes).text == "export ")
        #expect(CommandCompleter.complete("debug ", themes: themes).candidates == ["on", "off"])
        #expect(CommandCompleter.complete("debug o", themes: themes) == .init(text: "debug o", candidates: ["on", "off"]))
        #expect(CommandCompleter.complete("debug on isakmp i", themes: themes).candidates == ["ipsec", "ikev2"])
        #expect(CommandCompleter.complete("debug on isakmp ik", themes: themes).text == "debug on isakmp ikev2 ")
        #expect(CommandCompleter.complete("theme m", themes: themes).text == "theme mono ")
        #expect(CommandCompleter.complete("peer 1", themes: themes) == .init(text: "peer 1", candidates: []))
    }
}
