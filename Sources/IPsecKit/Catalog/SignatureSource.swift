/// The text of one signature YAML file and the name it is reported under.
///
/// The catalog decodes sources rather than paths so that decoding and validation stay pure:
/// whoever owns the files (the bundle loader, the command line) reads them.
public struct SignatureSource: Sendable, Equatable {
    /// How issues name the file: a path for user files, the file name for built-in ones.
    public var name: String
    public var text: String

    public init(name: String, text: String) {
        self.name = name; self.text = text
    }
}
