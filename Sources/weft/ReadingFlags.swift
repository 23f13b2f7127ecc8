import ArgumentParser
import WeftIO

/// How input files are decoded: the flags shared by every command that reads inputs
/// (`validate`, `analyze`, `survey import`, …), parsed once into `ReadingOptions`.
struct ReadingFlags: ParsableArguments {
    @Option(help: ArgumentHelp("The text encoding of every input file: \(EncodingChoice.accepted) (default: auto).",
                               discussion: "Auto: a byte-order mark decides (UTF-8, UTF-16); otherwise UTF-8 when the first 4 MiB are valid UTF-8, else Windows-1252."))
    var encoding: EncodingChoice = .detect

    var options: ReadingOptions {
        ReadingOptions(encoding: encoding)
    }
}

extension EncodingChoice: ExpressibleByArgument {
    public init?(argument: String) { self.init(argument) }
    public var defaultValueDescription: String { "auto" }
}
