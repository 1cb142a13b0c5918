import ConsoleUI
import Testing

@Suite struct DisplayWidthTests {
    @Test(arguments: [
        ("abc", 3), ("名前", 4), ("한국어", 6), ("e\u{301}", 1), ("✓", 1), ("…", 1), ("🙂", 2), ("❤\u{FE0F}", 2),
        ("ｱ", 1), ("Ａ", 2), ("\u{200B}", 0), ("a\u{0308}b", 2), ("", 0),
    ])
    func widths(_ text: String, _ columns: Int) {
        #expect(DisplayWidth.of(text) == columns)
    }

    @Test func truncateAndPadByColumns() {
        #expect("名前名前".truncated(toColumns: 5) == "名前…")
        #expect("名前名前".truncated(toColumns: 5, ellipsis: false) == "名前")
        #expect("abc".padded(toColumns: 5) == "abc  ")
        #expect("abc".padded(toColumns: 5, alignRight: true) == "  abc")
        #expect(DisplayWidth.of("名前x".padded(toColumns: 4)) == 4)
    }
}

@Suite struct SanitizerTests {
    @Test(arguments: [
        ("plain text", "plain text"),
        ("\u{1B}[31mred\u{1B}[0m", "red"),
        ("\u{1B}]0;title\u{07}after", "after"),
        ("\u{1B}]8;;http://x\u{1B}\\link", "link"),
        ("\u{1B}P1$r\u{1B}\\kept", "kept"),
        ("\u{1B}(Bcharset", "charset"),
        ("\u{1B}7saved", "saved"),
        ("\u{9B}2Jclear", "clear"),
        ("progress 10%\rprogress 99%", "progress 99%"),
        ("abc\u{8}\u{8}XY", "aXY"),
        ("a\tb", "a       b"),
        ("12345678\tx", "12345678        x"),
        ("bell\u{07}", "bell\u{2407}"),
        ("nul\u{0}", "nul\u{2400}"),
        ("del\u{7F}", "del\u{2421}"),
        ("c1\u{85}", "c1\u{FFFD}"),
        ("rtl\u{202E}txt", "rtl\u{FFFD}txt"),
        ("名前\r名", "名前"),
        ("trailing   ", "trailing"),
    ])
    func sanitises(_ input: String, _ expected: String) {
        #expect(ScreenTextSanitizer.sanitize(input) == expected)
    }

    @Test func invalidUTF8BecomesReplacementCharacters() {
        #expect(ScreenTextSanitizer.sanitize(bytes: [0x61, 0xFF, 0x62, 0xC3]) == "a\u{FFFD}b\u{FFFD}")
        // 丛 (E4 B8 9B) holds 0x9B, the 8-bit CSI byte, as a continuation byte: it must survive.
        #expect(ScreenTextSanitizer.sanitize(bytes: Array("丛\u{1B}[1mA".utf8)) == "丛A")
    }

    @Test func capsLongLinesByColumns() {
        let long = String(repeating: "名", count: 5000)
        let out = ScreenTextSanitizer.sanitize(long + "\u{07}", maximumColumns: 100)
        #expect(DisplayWidth.of(out) == 100)
        let huge = String(repeating: "x\u{1B}[0m", count: 50_000)
        #expect(ScreenTextSanitizer.sanitize(huge, maximumColumns: 80).count == 80)
    }

    @Test func wrapsByWordsWithHangingIndent() {
        #expect(TextWrap.wrap("  - alpha beta gamma delta", width: 14) == ["  - alpha beta", "    gamma", "    delta"])
        #expect(TextWrap.wrap("short", width: 20) == ["short"])
        #expect(TextWrap.wrap("abcdefghijklmnopqrstuvwxyz", width: 10) == ["abcdefghij", "klmnopqrst", "uvwxyz"])
    }
}

@Suite struct ScreenTests {
    @Test func wideCharactersTakeTwoCellsAndNeverSplit() {
        var s = Screen(width: 6, height: 1)
        #expect(s.put("a名b", x: 0, y: 0, role: .text) == 4)
        #expect(s[1, 0].text == "名" && s[1, 0].width == 2 && s[2, 0].isContinuation)
        #expect(s.text(row: 0) == "a名b  ")
        var t = Screen(width: 4, height: 1)
        #expect(t.put("abc名", x: 0, y: 0, role: .text) == 4)
        #expect(t.text(row: 0) == "abc ", "a wide character that does not fit leaves a blank")
        t.put("x", x: 1, y: 0, role: .title)
        var u = Screen(width: 4, height: 1)
        u.put("名名", x: 0, y: 0, role: .text)
        u.put("z", x: 1, y: 0, role: .text)
        #expect(u.text(row: 0) == " z名", "overwriting half of a wide character blanks the other half")
    }

    @Test func combiningMarksJoinTheirBase() {
        var s = Screen(width: 3, height: 1)
        #expect(s.put("e\u{301}x", x: 0, y: 0, role: .text) == 2)
        #expect(s[0, 0].text == "e\u{301}")
    }

    @Test func styleRunsAndChangedSpans() {
        var a = Screen(width: 10, height: 2)
        a.put("hello", x: 0, y: 0, role: .title)
        #expect(a.styleRuns(row: 0).map(\.role) == [.title, .text])
        #expect(a.styleRuns(row: 0)[0].text == "hello")
        var b = a
        b.put("J", x: 0, y: 0, role: .title)
        b.put("!", x: 9, y: 1, role: .error)
        let spans = b.changedSpans(since: a)
        #expect(spans.count == 2)
        #expect(spans[0] == (y: 0, x: 0, count: 1))
        #expect(spans[1] == (y: 1, x: 9, count: 1))
        #expect(b.changedSpans(since: Screen(width: 5, height: 2)).count == 2, "a size change repaints every row")
        #expect(b.changedSpans(since: b).isEmpty)
        var c = a
        c.put("名", x: 4, y: 0, role: .text)
        let wide = c.changedSpans(since: a)
        #expect(wide.first.map { $0.x <= 4 && $0.x + $0.count >= 6 } == true)
    }

    @Test func layoutSplitsByConstraints() {
        #expect(Layout.sizes([.fixed(1), .fill(1), .fixed(2)], total: 10) == [1, 7, 2])
        #expect(Layout.sizes([.fill(1), .fill(2)], total: 10) == [3, 7])
        #expect(Layout.sizes([.min(3), .fill(1)], total: 11) == [7, 4])
        #expect(Layout.sizes([.fixed(8), .fixed(8)], total: 10) == [8, 2])
        #expect(Layout.sizes([.fixed(3)], total: -1) == [0])
    }

    @Test func tablesDropLowPriorityColumnsWhenNarrow() {
        let columns = [TableColumn("A", width: 10), TableColumn("B", width: 10, priority: 2), TableColumn("C", width: 10, fill: true, priority: 1)]
        #expect(TableWidget.fit(columns, width: 40).map(\.width) == [10, 10, 18])
        #expect(TableWidget.fit(columns, width: 25).map(\.index) == [0, 2])
        #expect(TableWidget.fit(columns, width: 5).map(\.index) == [0])
    }
}

@Suite struct ScreenSafetyTests {
    /// Device text in a table cell (a parsed field) cannot reach the terminal raw.
    @Test func putSanitisesControlCharacters() {
        var s = Screen(width: 20, height: 1)
        s.put("A\u{1B}[2JB\u{07}C  ", x: 0, y: 0, role: .text)
        #expect(s.text(row: 0) == "AB\u{2407}C" + String(repeating: " ", count: 16))
        #expect(!s.text.unicodeScalars.contains { $0.value < 0x20 })
    }
}

@Suite struct AsciiFallbackTests {
    @Test func glyphsHaveAsciiStandIns() {
        #expect(AsciiFallback.replacement(for: "┌") == "+")
        #expect(AsciiFallback.replacement(for: "✗") == "x")
        #expect(AsciiFallback.replacement(for: "a") == "a")
        #expect(AsciiFallback.replacement(for: "名") == "?")
        // Every glyph the console draws itself has a stand-in.
        let screen = ConsoleView.render(ConsoleFixtures.state(width: 160, height: 48))
        let own = Set(screen.cells.map(\.text)).filter { !$0.utf8.allSatisfy { $0 < 0x80 } }
        let device = Set(ConsoleFixtures.debugText.joined().map(String.init))
        for g in own where !device.contains(g) {
            #expect(AsciiFallback.replacement(for: g) != "?", "no ASCII stand-in for \(g)")
        }
    }
}
