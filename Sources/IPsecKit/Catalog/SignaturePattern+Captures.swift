extension SignaturePattern {
    /// The names of the regex's named groups (`(?<peer>...)`), in order of appearance.
    ///
    /// NSRegularExpression cannot list its group names, and the diagnosis needs them to
    /// turn a match into captures, so they are read from the pattern text: escaped
    /// parentheses, character classes and look-behind groups (`(?<=`, `(?<!`) are skipped.
    public var captureNames: [String] {
        var names: [String] = []
        let chars = Array(regex)
        var index = 0
        var inClass = false
        while index < chars.count {
            let char = chars[index]
            if char == "\\" { index += 2; continue }
            if inClass {
                if char == "]" { inClass = false }
                index += 1
                continue
            }
            if char == "[" { inClass = true; index += 1; continue }
            if char == "(", index + 3 < chars.count, chars[index + 1] == "?", chars[index + 2] == "<",
               chars[index + 3].isLetter {
                var end = index + 3
                var name = ""
                while end < chars.count, chars[end] != ">" { name.append(chars[end]); end += 1 }
                names.append(name)
                index = end
                continue
            }
            index += 1
        }
        return names
    }
}
