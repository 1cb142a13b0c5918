import Testing
@testable import DeviceSession
import IPsecKit

@Suite("Target syntax")
struct DeviceTargetTests {
    @Test(arguments: [
        ("ssh://admin@10.0.0.1:2222", DeviceTarget.ssh(user: "admin", host: "10.0.0.1", port: 2222)),
        ("ssh://core-rtr.lab-1", .ssh(user: nil, host: "core-rtr.lab-1", port: nil)),
        ("netops@fw-1.example.net", .ssh(user: "netops", host: "fw-1.example.net", port: nil)),
        ("r1", .ssh(user: nil, host: "r1", port: nil)),
        ("ssh://admin@[2001:db8::1]:22", .ssh(user: "admin", host: "2001:db8::1", port: 22)),
        ("telnet://consoles.lab:2005", .telnet(host: "consoles.lab", port: 2005)),
        ("telnet://10.1.1.1", .telnet(host: "10.1.1.1", port: 23)),
        ("serial:///dev/ttyUSB0", .serial(path: "/dev/ttyUSB0", settings: SerialSettings())),
        ("serial:///dev/ttyS1?baud=115200&parity=even&data=7&stop=2&flow=rtscts",
         .serial(path: "/dev/ttyS1", settings: SerialSettings(baud: 115200, parity: .even, dataBits: 7, stopBits: 2, flow: .rtscts))),
        ("lab://phase1-mismatch?persona=asa", .lab(scenario: "phase1-mismatch", persona: .asa)),
        ("lab://healthy", .lab(scenario: "healthy", persona: .ios)),
        ("lab://ike-sanity-check?persona=ASA&peer-of=asa", .lab(scenario: "ike-sanity-check", persona: .asa, peerOf: "asa")),
        ("lab://healthy?peer-of=R1", .lab(scenario: "healthy", persona: .ios, peerOf: "R1")),
    ])
    func parses(_ text: String, _ expected: DeviceTarget) throws {
        #expect(try DeviceTarget.parse(text) == expected)
        #expect(try DeviceTarget.parse(expected.description) == expected, "the text form reads back")
    }

    @Test(arguments: [
        ("ssh://admin@host:99999", "port \"99999\""),
        ("ssh://admin@host:abc", "port \"abc\""),
        ("ssh://@host", "user"),
        ("ssh://admin:secret@host", "user \"admin:secret\""),
        ("ftp://host", "scheme \"ftp\""),
        ("serial:/dev/ttyUSB0", "scheme"),
        ("serial://dev/ttyUSB0", "serial device \"dev/ttyUSB0\""),
        ("serial:///dev/ttyUSB0?baud=12345", "baud \"12345\""),
        ("serial:///dev/ttyUSB0?parity=mark", "parity \"mark\""),
        ("serial:///dev/ttyUSB0?data=9", "data \"9\""),
        ("serial:///dev/ttyUSB0?stop=3", "stop \"3\""),
        ("serial:///dev/ttyUSB0?flow=dtr", "flow \"dtr\""),
        ("serial:///dev/ttyUSB0?speed=9600", "serial option \"speed\""),
        ("serial:///dev/ttyUSB0?baud", "option \"baud\""),
        ("lab://healthy?peer-of=R1;reload", "peer-of \"R1;reload\""),
        ("lab://healthy?side=b", "lab option \"side\""),
        ("lab://?persona=ios", "lab scenario"),
        ("lab://x?persona=junos", "persona \"junos\""),
        ("telnet://user@host:23", "telnet target"),
        ("ssh://2001:db8::1", "host \"2001:db8::1\""),
        ("ssh://host name", "host \"host name\""),
        ("", "target"),
    ])
    func namesTheWrongPart(_ text: String, _ part: String) {
        #expect {
            try DeviceTarget.parse(text)
        } throws: { error in
            (error as? TargetParseError)?.part == part
        }
    }

    @Test func deviceKeysAreStableAndSecretFree() throws {
        #expect(try DeviceTarget.parse("admin@10.0.0.1").deviceKey == "ssh-admin-10.0.0.1-22")
        #expect(try DeviceTarget.parse("lab://x?persona=asa").knownPlatform == .asa)
    }
}
