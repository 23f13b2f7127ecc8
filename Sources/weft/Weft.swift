import ArgumentParser
import Foundation
import LinearAlgebra
import WeftGraph
import WeftIO

/// The `weft` command-line tool. Exit codes: 0 success, 1 bad input (or rejects under
/// `--strict`, or an output that cannot be written), 2 usage error.
@main
struct Weft: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "weft",
        abstract: "Organisational network analysis for collaborative learning networks.",
        discussion: """
            Weft reads a network's members, interactions and event attendance (CSV), builds the \
            network for a time window and reports on it.
            Exit codes: 0 success, 1 bad input or failed output, 2 usage error.
            """,
        version: version,
        subcommands: [ValidateCommand.self, AnalyzeCommand.self, MetricsCommand.self, TimelineCommand.self, TiesCommand.self,
                      SegmentsCommand.self, QAPCommand.self, DiffCommand.self, SurveyCommand.self, ExportCommand.self, ImportCommand.self, SampleCommand.self, BenchCommand.self]
    )

    static func main() {
        FreedMemory.limitArenas()
        BLAS.runOnCallingThread()
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if code == .success { exit(withError: error) }   // --help, --version
            if code == .validationFailure {                   // usage errors
                printError(TerminalText.printable(fullMessage(for: error)))
                Foundation.exit(2)
            }
            printError(TerminalText.printable(FailureMessage.text(for: error)))
            Foundation.exit((error as? CommandFailure)?.exitCode ?? 1)
        }
    }
}

/// A failure the tool reports with a message and a chosen exit code.
struct CommandFailure: Error {
    let message: String
    let exitCode: Int32
}

/// Stage messages on stderr, shown only when stderr is a terminal (quiet in pipes and CI).
struct Progress {
    let enabled = isatty(2) != 0

    func stage(_ text: String) {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\u{1B}[2K\r\(text)…".utf8))
    }

    func done() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\u{1B}[2K\r".utf8))
    }
}

/// Everything the commands print to standard output goes through here, shadowing the standard
/// library's `print` in this module: input text (ids, headers, names, file names, quoted values)
/// reaches the terminal with its control characters shown as escapes (`TerminalText.printable`),
/// so no input file can move the cursor, recolour or clear the screen, or hide part of a message.
func print(_ items: Any..., separator: String = " ", terminator: String = "\n") {
    Swift.print(TerminalText.printable(items.map { "\($0)" }.joined(separator: separator)), terminator: terminator)
}

func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}
